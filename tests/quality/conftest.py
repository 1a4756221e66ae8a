"""The site as the demo content builds it, read the way a visitor's browser reads it.

Every check in this folder runs over `public_pages()`: every live page of the demo site, the
search results and a 404 (`tests.browser.pages`), so a page another app adds joins the checks
on its own. The demo content is loaded once for the whole run (`tests/conftest.py`).

django-axes needs the request to count failed logins, so `client.login()` (which passes none)
fails under it: sign users in with `tests.two_factor.sign_in_to_admin(client, user)`.
"""

from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client, override_settings

from tests.browser.pages import quality_pages, quality_pages_one_per_type


def public_pages():
    """(label, path, expected status) of every live page, the search results and a 404."""
    return [(page.label, page.path, page.status) for page in quality_pages()]


def one_page_per_type():
    """(label, path, expected status) of one page of each type, the search results and a 404.

    For the fuzzing, which exercises each type's code with hundreds of requests a page: a
    second page of the same type runs the same code.
    """
    return [(page.label, page.path, page.status) for page in quality_pages_one_per_type()]


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def same_origin_links(path, html):
    """Paths of the links and downloads on a page that stay on this site."""
    paths = set()
    for element in html.select("a[href], link[href]"):
        if element.name == "link" and "stylesheet" in (element.get("rel") or []):
            continue
        url = urlsplit(urljoin("http://testserver" + path, element["href"]))
        if url.scheme in {"http", "https"} and url.hostname in {"testserver", "localhost"}:
            paths.add(url.path)
    return paths


def get_forms(path, html, method="get"):
    """Every form on a page sent with `method`: (action path, the names of its fields)."""
    forms = []
    for form in html.select("form"):
        if (form.get("method") or "get").lower() != method:
            continue
        action = urlsplit(urljoin("http://testserver" + path, form.get("action") or path)).path
        names = sorted({field["name"] for field in form.select("[name]") if field.name != "button"})
        forms.append((action, names))
    return forms


def fetch(client, url, **options):
    """A static file's response, read to the end (its bytes in `.body`) so the file
    WhiteNoise streams is closed.

    Reading it through lets the test client close it as a server would; calling close()
    directly would also close the test's database connection (Postgres) mid-test.
    """
    response = client.get(url, **options)
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    else:
        response.body = response.content
    return response


def production_static(root):
    return {
        "STATIC_ROOT": root,
        "STATIC_MANIFEST_ROOT": manifest_root(root),
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "delivery.static_files.ManifestOutsideStaticRoot"},
        },
        "WHITENOISE_AUTOREFRESH": False,
        "WHITENOISE_USE_FINDERS": False,
    }


@pytest.fixture(scope="session")
def collected_static_root(tmp_path_factory):
    """The static files collected once for the run: hashing and compressing the admin's
    files (gzip and Brotli) takes a while."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(**production_static(root)):
        call_command("collectstatic", "--no-input", verbosity=0)
    # The list of the files is kept beside STATIC_ROOT, which is served whole, not in it.
    assert (manifest_root(root) / "staticfiles.json").exists()
    assert not list(root.glob("staticfiles.json*"))
    return root


def manifest_root(root):
    return root.with_name(f"{root.name}-manifest")


@pytest.fixture
def collected_static(collected_static_root):
    """The static files as production serves them: collected, hashed and compressed."""
    with override_settings(**production_static(collected_static_root)):
        # A new client loads the middleware again, so WhiteNoise reads the collected files.
        yield Client()
