"""An issue's page: the archive's copy of what subscribers were sent."""

from tests.html import soup, visible_text
from tests.newsletter.issue_pages import ARCHIVE_PATH, DEMO_ISSUE_PATH


def test_the_issue_reads_as_its_blocks(demo, client):
    html = soup(client.get(DEMO_ISSUE_PATH))
    assert visible_text(html.h1) == "The courage to be kind, and what North Ayrshire learned"
    assert "North Ayrshire Council" in visible_text(html.select_one(".lede"))
    headings = [visible_text(h) for h in html.select("main h2")]
    assert headings[:3] == [
        "Kindness in health and social care",
        "Learning from North Ayrshire",
        "New in the library",
    ]
    assert "Speak to" in headings


def test_publications_and_films_show_as_the_librarys_cards(demo, client):
    html = soup(client.get(DEMO_ISSUE_PATH))
    cards = html.select(".newsletter-items .library-card")
    assert [visible_text(card.select_one(".card__title")) for card in cards] == [
        "The courage to be kind",
        "North Ayrshire: A case study on kindness",
    ]
    assert cards[0].select_one(".card__title a")["href"] == "/library/the-courage-to-be-kind/"


def test_the_picture_has_its_alt_text_and_the_people_their_cards(demo, client):
    html = soup(client.get(DEMO_ISSUE_PATH))
    image = html.select_one("main picture img")
    assert "The Practice of Kindness" in image["alt"]
    people = [visible_text(a) for a in html.select(".speak-to .person-card__name a")]
    assert people == ["Jennifer Wallace", "Ben Thurman"]


def test_it_leads_to_the_archive_the_signup_and_the_feed(demo, client):
    html = soup(client.get(DEMO_ISSUE_PATH))
    hrefs = [a["href"] for a in html.select(".newsletter-issue__more a")]
    assert hrefs == [ARCHIVE_PATH, "/newsletter/"]
    feed = html.select_one('link[rel=alternate][href="/newsletter/feed/"]')
    assert feed["type"] == "application/atom+xml"
