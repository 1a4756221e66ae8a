"""What every page asks of the site (its Site, settings and sections) is kept in memory
until the site changes (delivery/site_memo.py): a settled page asks the database none of
it, and an editor's change still shows on the very next request.

The page cache is off in these tests, so every request renders its page.
"""

import time
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Page, Site

from delivery import site_memo
from newsletter.models import NewsletterSettings

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture(autouse=True)
def uncached():
    with override_settings(PAGE_CACHE_SECONDS=0):
        yield


def menu(client, url):
    """The main menu's links: (text, aria-current)."""
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return [
        (link.get_text(strip=True), link.get("aria-current"))
        for link in page.select(".site-nav__list a")
    ]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in context.captured_queries]


def publish_title(page, title):
    page.title = title
    page.save_revision().publish()


def test_a_settled_page_asks_the_database_nothing_about_the_site(client):
    for _ in range(2):
        client.get("/library/")
    asked = queries_of(client, "/library/")
    about_the_site = [sql for sql in asked if "wagtailcore_site" in sql or "settings" in sql]
    assert about_the_site == []
    # The menu still lists the sections, read from memory.
    assert ("People", None) in menu(client, "/library/")


def test_renaming_a_section_shows_in_the_menu_on_the_next_request(client):
    assert ("People", None) in menu(client, "/library/")
    publish_title(Page.objects.get(url_path="/home/people/").specific, "Our people")
    links = menu(client, "/library/")
    assert ("Our people", None) in links
    assert ("People", None) not in links


def test_new_signup_wording_shows_on_every_page_at_once(client):
    settings = NewsletterSettings.for_site(Site.objects.get(is_default_site=True))
    client.get("/library/")
    settings.consent_text = "Yes, send me the programme's news, written today."
    settings.save()
    assert "written today" in client.get("/library/").content.decode()


def test_what_one_request_marks_never_reaches_the_next(client):
    assert ("Library", "page") in menu(client, "/library/")
    links = menu(client, "/people/")
    assert ("People", "page") in links
    assert ("Library", None) in links


def test_a_change_another_process_made_shows_within_a_minute(client, monkeypatch):
    """Without Redis each process has its own site token, which another process's publish
    does not change: what is kept is fetched again after MAX_AGE seconds."""
    client.get("/library/")
    # As another process would: the database changes, this process's cache does not.
    Page.objects.filter(url_path="/home/people/").update(title="Our people")
    assert ("People", None) in menu(client, "/library/")
    later = time.monotonic() + site_memo.MAX_AGE
    # A minute later, for the memo only: the rest of the process keeps the real clock.
    monkeypatch.setattr(site_memo, "time", SimpleNamespace(monotonic=lambda: later))
    assert ("Our people", None) in menu(client, "/library/")
