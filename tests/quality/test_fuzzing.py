"""Hostile input in every query parameter and form: no 500, no markup echoed, nothing stored.

The targets are found, not listed: `?page=` on every page type, and every field of every GET
form those pages render (the library's filters, the search box once there is one), so a form
added later is fuzzed without touching this file.
"""

from urllib.parse import quote_from_bytes

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kindness.search import statistics as search_statistics
from tests.html import inline_code
from tests.quality.conftest import get_forms, one_page_per_type, parse

FUZZ = settings(
    max_examples=15,
    deadline=None,
    database=None,  # no .hypothesis folder in the checkout
    # The demo content is loaded once per test and only read, so sharing it between
    # examples is what we want.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

KNOWN_BAD = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "' OR '1'='1' --",
    "1; DROP TABLE wagtailcore_page; --",
    "1 UNION SELECT password FROM auth_user",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: stolen=1",
    "../../../../etc/passwd",
    "%00%2e%2e%2f",
    "-1",
    "0",
    "1.5",
    "1e9999",
    "NaN",
    str(2**63),
    "9" * 300,
    "\u202e\u0000\ufeff",
    "\ud800",  # a lone surrogate: not valid UTF-8 once encoded
    "x" * 10_000,
]

# Each value is the bytes a browser (or an attacker) puts in the query string.
hostile = st.one_of(
    st.sampled_from(KNOWN_BAD).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=60).map(
        lambda text: text.encode("utf-8", "surrogatepass")
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(lambda n: str(n).encode()),
    st.binary(max_size=40),  # invalid UTF-8, raw
)


def query_string(values):
    return "&".join(f"{name}={quote_from_bytes(raw)}" for name, raw in values.items())


# What the site records of a visit: nothing in the database. Searches are counted in the
# cache for editors' search terms (kindness/search/statistics.py); the tests below check
# what is counted there.
RECORDS_OF_VISITS = set()


def row_counts():
    """Rows of every model that has a table. A model whose module was merely imported has
    none: Wagtail's `Embed` joins the registry, as a wagtailcore model, once any code path
    imports wagtail.embeds, although the site does not install that app."""
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.label not in RECORDS_OF_VISITS and model._meta.db_table in tables
    }


def logged_search_queries():
    return list(search_statistics.counted())


ECHO_MIN_LENGTH = 4


def assert_safe(response, values, inline_code_allowed=0):
    assert response.status_code in {200, 301, 302, 400, 404, 429}, response.status_code
    if response.get("Content-Type", "").startswith("text/html") and response.content:
        body = response.content.decode()
        for raw in values.values():
            text = raw.decode("utf-8", "replace")
            # A short run such as `"` or `">` is in every page already; only a longer
            # one, found in the page more often than in the page asked for without any
            # input (where `</ti` of `</title>` is too), was put there by the input.
            if ("<" in text or '"' in text) and len(text) >= ECHO_MIN_LENGTH and text in body:
                plain = Client().get(response.request["PATH_INFO"]).content.decode()
                assert body.count(text) <= plain.count(text), f"echoed unescaped: {text[:60]!r}"
        found = inline_code(parse(response))
        assert len(found) <= inline_code_allowed, f"hostile input became markup: {found}"


def fuzz_targets(client):
    """(path, parameter names): ?page= on every page, every field of every GET form."""
    targets = {}
    for _label, path, status in one_page_per_type():
        if status != 200:
            continue
        targets.setdefault(path, {"page"})
        for action, names in get_forms(path, parse(client.get(path))):
            targets.setdefault(action, {"page"}).update(names)
    if client.get("/search/").status_code == 200:
        targets.setdefault("/search/", {"page"}).update({"q", "query"})
    return {path: sorted(names) for path, names in targets.items()}


def test_the_library_filters_are_among_the_targets(demo, client):
    assert fuzz_targets(client)["/library/"] == ["author", "page", "q", "strand", "type", "year"]


def test_every_query_parameter_survives_each_known_bad_value(demo, client):
    targets = fuzz_targets(client)
    before = row_counts()
    for path, names in targets.items():
        for name in names:
            for text in KNOWN_BAD:
                values = {name: text.encode("utf-8", "surrogatepass")}
                assert_safe(client.get(path, QUERY_STRING=query_string(values)), values)
    assert row_counts() == before
    assert all(query.isprintable() for query in logged_search_queries())


def test_every_query_parameter_survives_hostile_input(demo, client):
    targets = fuzz_targets(client)
    before = row_counts()

    @FUZZ
    @given(data=st.data())
    def every_target(data):
        for path, names in targets.items():
            chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
            values = {name: data.draw(hostile, label=f"{path}?{name}") for name in chosen}
            response = client.get(path, QUERY_STRING=query_string(values))
            assert_safe(response, values)

    every_target()
    assert row_counts() == before
    for query in logged_search_queries():
        # Logged searches are what an editor reads in the admin: short, printable text.
        assert len(query) <= 255
        assert query.isprintable(), repr(query)


def test_every_form_readers_post_survives_hostile_input(demo, client):
    """Sign-up and contact forms, once a page has one: refused cleanly, nothing stored."""
    forms = {}
    for _label, path, status in one_page_per_type():
        if status == 200:
            for action, names in get_forms(path, parse(client.get(path)), method="post"):
                forms.setdefault(action, set()).update(set(names) - {"csrfmiddlewaretoken"})
    before = row_counts()

    @FUZZ
    @given(data=st.data())
    def every_form(data):
        for action, names in forms.items():
            values = {name: data.draw(hostile, label=f"{action} {name}") for name in names}
            response = client.post(
                action, query_string(values), content_type="application/x-www-form-urlencoded"
            )
            assert_safe(response, values)

    # The newsletter's signup form is in every page's footer: this test must find it.
    assert "/newsletter/" in forms, forms
    every_form()
    assert row_counts() == before


def test_the_admin_login_form_survives_hostile_input(db, client):
    User = get_user_model()
    # The admin's own inline scripts (its configuration as JSON): input must add none.
    admin_inline_code = len(inline_code(parse(client.get("/admin/login/"))))
    before = {label: n for label, n in row_counts().items() if not label.startswith("axes.")}

    @FUZZ
    @given(username=hostile, password=hostile)
    @example(username=b"editor\x00", password=b"pw")
    @example(username=b"x" * 300, password=b"pw")  # longer than any username column
    @example(username="\ud800".encode("utf-8", "surrogatepass"), password=b"\xff\xfe")
    @example(username=b"<script>alert(1)</script>", password=b"' OR '1'='1")
    def log_in(username, password):
        values = {"username": username, "password": password}
        response = client.post(
            "/admin/login/",
            query_string(values),
            content_type="application/x-www-form-urlencoded",
        )
        assert_safe(response, values, inline_code_allowed=admin_inline_code)
        assert "sessionid" not in response.cookies, "a failed login started a session"

    log_in()
    after = {label: n for label, n in row_counts().items() if not label.startswith("axes.")}
    assert after == before
    assert not User.objects.exists()
