"""No page needs 'unsafe-inline': no inline script, style element, style or event attribute."""

import json

from wagtail.models import Page

from news.models import NewsPostPage
from people.models import PersonPage
from programme.models import HomePage
from publications.models import FilmPage, PublicationPage
from tests.browser.pages import MISSING_PATH
from tests.charts.chart_examples import chart_page
from tests.html import inline_code
from tests.quality.conftest import parse, public_pages


def test_no_page_has_inline_script_or_style(demo, client):
    found = {}
    for label, path, _status in public_pages():
        response = client.get(path, secure=True)
        if problems := inline_code(parse(response)):
            found[f"{label} {path}"] = problems
    assert not found


# What schema.org data each page type publishes: the landing page describes the organisation
# and the site, other pages themselves. A type not listed publishes none.
REPORT_TYPES = {"report", "case_study", "policy_paper", "briefing"}
SITE_DATA = {"Organization", "WebSite"}


def expected_json_ld(page):
    match page:
        case HomePage():
            return SITE_DATA
        case PersonPage():
            return {"Person"}
        case FilmPage():
            return {"VideoObject"}
        case NewsPostPage():
            return {"NewsArticle"}
        case PublicationPage():
            return {"Report" if page.publication_type in REPORT_TYPES else "CreativeWork"}
    return set()


def test_each_page_publishes_the_json_ld_of_its_type_and_about_itself(demo, client):
    """So the check above is not passing because nothing was rendered, page type by type."""
    wrong, published = {}, set()
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert pages, "the demo content has live pages"
    for page in pages:
        blocks = [
            json.loads(script.string)
            for script in parse(client.get(page.url)).select('script[type="application/ld+json"]')
        ]
        kinds = {block["@type"] for block in blocks}
        published |= kinds
        if kinds != expected_json_ld(page):
            wrong[page.url] = f"{sorted(kinds)}, not {sorted(expected_json_ld(page))}"
        for block in blocks:
            if block["@type"] not in SITE_DATA and block.get("url") != page.full_url:
                wrong[page.url] = f"{block['@type']} is about {block.get('url')}"
    assert not wrong
    # The demo content has a page of every kind, so every kind of data is checked.
    assert published == SITE_DATA | {
        "Person",
        "VideoObject",
        "Report",
        "CreativeWork",
        "NewsArticle",
    }


def test_the_lock_out_and_not_found_pages_have_none_either(db, client):
    assert not inline_code(parse(client.get(MISSING_PATH)))
    for attempt in range(5):
        response = client.post("/admin/login/", {"username": "x", "password": str(attempt)})
    assert response.status_code == 429
    assert not inline_code(parse(response))


def test_the_userbar_editors_see_on_pages_adds_none(demo, editor):
    found = {}
    for label, path, _status in public_pages():
        html = parse(editor.get(path, secure=True))
        if label != "not found":
            assert html.select("wagtail-userbar, #wagtail-userbar-template"), label
        if problems := inline_code(html):
            found[f"{label} {path}"] = problems
    assert not found


def test_charts_need_no_inline_code(home, client):
    html = parse(client.get(chart_page(home).url))
    assert len(html.select("figure.chart svg")) == 11
    assert inline_code(html) == []
