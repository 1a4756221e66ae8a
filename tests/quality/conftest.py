"""The site as the demo content builds it, read the way a visitor's browser reads it.

Every check in this folder runs over `public_pages()`: the first live page of each page type
the project defines, so a page type another app adds joins the checks on its own.

django-axes needs the request to count failed logins, so `client.login()` (which passes none)
fails under it: log users in with `client.force_login(user)`.
"""

from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Page, get_page_models

NOT_FOUND_PATH = "/no-such-page-here/"


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=StringIO())


def page_types():
    """Every page type an editor can create: the ones readers see."""
    return [model for model in get_page_models() if model is not Page and model.is_creatable]


def first_live_page(model):
    content_type = ContentType.objects.get_for_model(model)
    return Page.objects.live().filter(content_type=content_type).order_by("path").first()


def public_pages(client):
    """(label, path, expected status) for each page type, the search page if any, and a 404."""
    pages = []
    for model in page_types():
        page = first_live_page(model)
        assert page is not None, f"the demo content has no live {model.__name__}"
        pages.append((model.__name__, page.url, 200))
    if client.get("/search/").status_code == 200:
        pages.append(("search", "/search/", 200))
    pages.append(("not found", NOT_FOUND_PATH, 404))
    return pages


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
