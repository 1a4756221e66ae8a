"""The home page and strand pages show what is coming up, and nothing at all (no heading,
no empty box) while nothing is."""

from datetime import timedelta

from bs4 import BeautifulSoup
from django.utils import timezone

from programme.models import StrandPage
from tests.events.factories import EventPageFactory, event_in

EMPTY_BOX_WORDS = ("Coming up", "upcoming-events", "All events")


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_with_no_events_the_home_and_strand_pages_show_nothing_of_them(events_index, client):
    strand = StrandPage.objects.live().first()
    # A past event is not "coming up" either.
    now = timezone.now()
    EventPageFactory(
        parent=events_index,
        start=now - timedelta(days=2),
        end=now - timedelta(days=1),
        strands=[strand],
    )
    for path in ("/", strand.url):
        text = str(html_of(client, path).main)
        for words in EMPTY_BOX_WORDS:
            assert words not in text, (path, words)


def test_the_home_page_shows_the_three_soonest_upcoming_events(events_index, client):
    for n, days in enumerate([20, 5, 40, 10]):
        event_in(days, events_index, f"Event {n}")
    html = html_of(client, "/")
    section = html.select_one(".upcoming-events")
    assert section.h2.get_text(strip=True) == "Coming up"
    titles = [t.get_text(strip=True) for t in section.select(".card__title")]
    assert titles == ["Event 1", "Event 3", "Event 0"]
    assert section.select_one(".related__more a")["href"] == "/events/"
    # Below the brief, never in it.
    brief = html.select_one(".page-body")
    assert brief.select(".upcoming-events")
    assert (
        html.select_one(".hero__intro").get_text()
        == events_index.get_parent().specific.introduction
    )


def test_a_strand_page_shows_its_own_upcoming_events_only(events_index, client):
    strand, other = StrandPage.objects.live().order_by("path")[:2]
    now = timezone.now()
    mine = EventPageFactory(
        parent=events_index,
        title="Ours",
        start=now + timedelta(days=3),
        end=now + timedelta(days=3, hours=1),
        strands=[strand],
    )
    EventPageFactory(
        parent=events_index,
        title="Theirs",
        start=now + timedelta(days=2),
        end=now + timedelta(days=2, hours=1),
        strands=[other],
    )
    section = html_of(client, strand.url).select_one(".upcoming-events")
    assert [t.get_text(strip=True) for t in section.select(".card__title")] == [mine.title]
    # The other strand's event is not this one's.
    assert "Ours" not in str(html_of(client, other.url).select_one(".upcoming-events"))
