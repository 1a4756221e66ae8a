"""The site as the demo content builds it, read the way a visitor's browser reads it.

Every check in this folder runs over `public_pages()`: every live page of the demo site, the
search results and a 404 (`tests.browser.pages`), so a page another app adds joins the checks
on its own. The demo content is loaded once for the whole run (`tests/conftest.py`).

django-axes needs the request to count failed logins, so `client.login()` (which passes none)
fails under it: log users in with `client.force_login(user)`.
"""

from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

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
