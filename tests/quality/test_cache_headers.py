"""Cache-Control fits each response: pages briefly, hashed static files for a year, and
nothing that is one reader's own, or an error, kept anywhere."""

import pytest
from django.templatetags.static import static
from django.utils.cache import cc_delim_re

from tests.quality.conftest import fetch


def directives(response):
    """The Cache-Control header as {directive: value or True}."""
    parsed = {}
    for part in cc_delim_re.split(response.get("Cache-Control", "")):
        if part.strip():
            name, _, value = part.strip().partition("=")
            parsed[name.lower()] = value or True
    return parsed


@pytest.mark.parametrize("url", ["/", "/library/", "/library/?type=report", "/search/?q=kind"])
def test_a_public_page_may_be_kept_briefly_and_served_stale_while_refetched(demo, client, url):
    for response in (client.get(url), client.get(url)):  # A miss, then a hit.
        cache_control = directives(response)
        assert cache_control["public"] is True
        assert cache_control["max-age"] == "60"
        assert cache_control["stale-while-revalidate"] == "300"
        assert "Cookie" in response["Vary"]


def test_an_editors_page_is_private_and_never_stored(demo, editor):
    cache_control = directives(editor.get("/library/"))
    assert cache_control.get("private") is True
    assert cache_control.get("no-store") is True
    assert "public" not in cache_control


@pytest.mark.parametrize("url", ["/no-such-page/", "/newsletter/", "/admin/login/"])
def test_errors_forms_and_the_admin_are_never_stored(demo, client, url):
    cache_control = directives(client.get(url))
    assert cache_control.get("no-store") is True
    assert "public" not in cache_control


def test_a_post_is_never_stored(demo, client):
    cache_control = directives(client.post("/newsletter/", {"email": "not an address"}))
    assert cache_control.get("no-store") is True


def test_hashed_static_files_are_kept_for_a_year_and_never_revalidated(db, collected_static):
    url = static("css/base.css")
    assert url != "/static/css/base.css", "the file's name carries no hash"
    cache_control = directives(fetch(collected_static, url))
    assert cache_control["public"] is True
    assert int(cache_control["max-age"]) >= 365 * 24 * 60 * 60
    assert cache_control["immutable"] is True
    # The same file under its plain name may change with the next release.
    plain = directives(fetch(collected_static, "/static/css/base.css"))
    assert "immutable" not in plain
    assert int(plain["max-age"]) < 24 * 60 * 60


def test_the_list_of_static_files_is_not_served(db, collected_static):
    for name in ("staticfiles.json", "staticfiles.json.gz"):
        response = fetch(collected_static, f"/static/{name}")
        assert response.status_code == 404, name
        assert b'"paths"' not in response.content
