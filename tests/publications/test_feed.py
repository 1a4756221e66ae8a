"""The Atom feed of publications and films."""

import datetime
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from django.urls import reverse

from tests.browser.pages import quality_pages
from tests.publications.factories import (
    FilmPageFactory,
    PublicationAuthorFactory,
    PublicationPageFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_feed_is_valid_atom_with_entries_newest_first(library, ben, client):
    older = PublicationPageFactory(
        parent=library, title="The Place of Kindness", date=datetime.date(2017, 7, 25)
    )
    PublicationAuthorFactory(page=older, person=ben)
    FilmPageFactory(parent=library, title="A short film", date=datetime.date(2019, 6, 1))
    PublicationPageFactory(parent=library, title="Draft", live=False)

    assert reverse("publications-feed") == "/feed/"
    feed = parse(client.get("/feed/"))
    assert feed.tag == f"{ATOM}feed"
    # What RFC 4287 requires of a feed and of each entry.
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}").text
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/library/"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "A short film",
        "The Place of Kindness",
    ]
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/library/")
        assert entry.find(f"{ATOM}summary").text
    place = entries[1]
    assert (
        place.find(f"{ATOM}link").get("href") == "http://testserver/library/the-place-of-kindness/"
    )
    assert place.find(f"{ATOM}published").text.startswith("2017-07-25")
    assert place.find(f"{ATOM}author/{ATOM}name").text == "Ben Thurman"
    assert place.find(f"{ATOM}category").get("term") == "Report"


def test_feed_without_a_library_is_empty_but_valid(home, client):
    feed = parse(client.get("/feed/"))
    assert feed.findall(f"{ATOM}entry") == []


def test_every_page_links_the_feed_from_its_head(demo, client):
    """Every page of the demo site, the search results and the "not found" page: a feed
    reader finds the feed wherever the reader is."""
    for site_page in quality_pages():
        response = client.get(site_page.path)
        assert response.status_code == site_page.status, site_page
        links = BeautifulSoup(response.content, "html.parser").head.select('link[rel="alternate"]')
        assert [(link["type"], link["href"]) for link in links] == [
            ("application/atom+xml", "/feed/")
        ], site_page
        assert links[0]["title"], site_page
