"""The Atom feed of publications and films."""

import datetime
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Site

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


def missing_required_elements(feed):
    """What RFC 4287 requires and this feed lacks: an id, title and updated date on the feed
    and on each entry (4.1.1, 4.1.2), a link on each entry, and an author with a name on the
    feed unless every entry has one of its own."""
    missing = []

    def check(element, label, children):
        for child in children:
            found = element.find(f"{ATOM}{child}")
            if found is None or not (found.text or found.get("href")):
                missing.append(f"{label}: {child}")

    check(feed, "feed", ("id", "title", "updated"))
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        label = f"entry {entry.findtext(f'{ATOM}title')!r}"
        check(entry, label, ("id", "title", "updated", "link"))
    authored = [e for e in entries if e.findtext(f"{ATOM}author/{ATOM}name")]
    if not feed.findtext(f"{ATOM}author/{ATOM}name") and len(authored) < len(entries):
        missing.append("feed: author (and not every entry has one)")
    return missing


def test_the_feed_has_every_element_rfc_4287_requires(library, ben, client):
    """A film names no author: the programme, as the site is named, is the feed's."""
    report = PublicationPageFactory(parent=library, title="The Place of Kindness")
    PublicationAuthorFactory(page=report, person=ben)
    FilmPageFactory(parent=library, title="A short film")
    Site.objects.filter(is_default_site=True).update(site_name="The kindness programme")

    feed = parse(client.get("/feed/"))
    assert len(feed.findall(f"{ATOM}entry")) == 2
    assert missing_required_elements(feed) == []
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "The kindness programme"
    # Only the report's entry names an author of its own.
    names = [entry.findtext(f"{ATOM}author/{ATOM}name") for entry in feed.findall(f"{ATOM}entry")]
    assert sorted(names, key=str) == ["Ben Thurman", None]  # in either order: same day


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
    assert missing_required_elements(feed) == []
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Kinder Communities"


def test_every_page_links_the_feed_from_its_head(demo, client):
    """Every page of the demo site, the search results and the "not found" page: a feed
    reader finds the feed wherever the reader is."""
    for site_page in quality_pages():
        response = client.get(site_page.path)
        assert response.status_code == site_page.status, site_page
        links = BeautifulSoup(response.content, "html.parser").head.select('link[rel="alternate"]')
        # The site's feed first; a section with a feed of its own (the news) adds it after.
        assert [(link["type"], link["href"]) for link in links][:1] == [
            ("application/atom+xml", "/feed/")
        ], site_page
        assert all(link["type"] == "application/atom+xml" for link in links), site_page
        assert links[0]["title"], site_page
