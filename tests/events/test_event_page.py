"""An event's page: when (in UK time), where and how to get in, registration, and once it
has happened its film, slides and report."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import EventPage
from publications.models import FilmPage, PublicationPage
from tests.events.factories import NEXT_YEAR, EventPageFactory, at
from tests.publications.factories import PdfDocumentFactory


def page(client, event):
    response = client.get(event.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def link(html, starting):
    """The first link whose words start with `starting`, or None."""
    return next(
        (a for a in html.select("a[href]") if a.get_text(" ", strip=True).startswith(starting)),
        None,
    )


def facts(html):
    return {
        row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
        for row in html.select(".facts > div")
    }


def test_an_upcoming_event_says_when_where_and_how_to_register(events_index, client):
    event = EventPageFactory(
        parent=events_index,
        title="Kindness Leadership Network: winter meeting",
        kind=EventPage.Kind.NETWORK_MEETING,
        start=at(NEXT_YEAR, 1, 20, 10),
        end=at(NEXT_YEAR, 1, 20, 13, 30),
        attendance=EventPage.Attendance.IN_PERSON,
        venue_name="Andrew Carnegie House",
        venue_address="Pittencrieff Street\nDunfermline\nKY12 8AW",
        access_information="Step-free entrance from the car park.",
        registration_url="https://forms.example.org/winter",
    )
    html = page(client, event)
    assert html.select_one(".eyebrow").get_text(strip=True) == "Kindness Leadership Network meeting"
    weekday = f"{date(NEXT_YEAR, 1, 20):%A}"
    assert facts(html)["When"] == (
        f"{weekday} 20 January {NEXT_YEAR}, 10am to 1:30pm GMT (UK time)"
    )
    assert html.select_one(".facts time")["datetime"] == f"{NEXT_YEAR}-01-20T10:00:00+00:00"
    assert facts(html)["Where"] == "In person: Andrew Carnegie House"
    address = html.select_one("address").get_text("|", strip=True)
    assert address == "Andrew Carnegie House|Pittencrieff Street|Dunfermline|KY12 8AW"
    assert "Step-free entrance" in html.select_one(".event-venue__access").get_text()
    assert link(html, "Register")["href"] == "https://forms.example.org/winter"
    # The link's hidden words name the event, for a list of links read out of context.
    assert link(html, "Register").get_text(" ", strip=True) == (
        "Register for Kindness Leadership Network: winter meeting"
    )
    assert link(html, "Add to calendar")["href"] == f"{event.url}calendar/"
    assert not html.select(".event-afterwards")


def test_registration_closed_says_so_instead_of_linking(events_index, client):
    event = EventPageFactory(parent=events_index, registration_closed=True)
    html = page(client, event)
    assert html.select_one(".event-registration-closed").get_text(strip=True) == (
        "Registration closed."
    )
    assert not html.find("a", href="https://forms.example.org/register")


def test_an_online_event_says_how_to_join(events_index, client):
    event = EventPageFactory(parent=events_index)
    html = page(client, event)
    assert facts(html)["Where"] == "Online"
    assert "the link is emailed to you" in html.select_one(".event-online").get_text()
    assert not html.select("address")


def test_a_past_event_links_to_its_film_slides_and_report(events_index, client):
    film = FilmPage.objects.live().first()
    report = PublicationPage.objects.live().first()
    slides = PdfDocumentFactory(title="Slides from the webinar")
    now = timezone.now()
    event = EventPageFactory(
        parent=events_index,
        start=now - timedelta(days=2),
        end=now - timedelta(days=2) + timedelta(hours=1),
        film=film,
        report=report,
        slides=slides,
    )
    html = page(client, event)
    assert html.select_one(".event-status").get_text(strip=True) == "This event has ended."
    links = {a.get_text(strip=True): a["href"] for a in html.select(".event-afterwards a")}
    assert links == {film.title: film.url, report.title: report.url, slides.title: slides.url}
    # Nothing to register for, or to add to a calendar, once it has happened.
    assert link(html, "Register") is None
    assert not html.select(".event-actions")


def test_an_upcoming_event_does_not_show_its_afterwards_links_yet(events_index, client):
    event = EventPageFactory(parent=events_index, film=FilmPage.objects.live().first())
    assert not page(client, event).select(".event-afterwards")


def test_a_cancelled_event_says_so(events_index, client):
    event = EventPageFactory(parent=events_index, cancelled=True)
    html = page(client, event)
    assert html.select_one(".event-status--cancelled").get_text(strip=True) == (
        "This event is cancelled."
    )
    assert not html.find("a", href="https://forms.example.org/register")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end": at(2099, 1, 20, 9)}, "end"),
        ({"attendance": EventPage.Attendance.IN_PERSON}, "venue_name"),
        ({"attendance": EventPage.Attendance.MIXED, "venue_name": "A hall"}, "venue_address"),
        ({"slug": "past"}, "slug"),
        ({"slug": "calendar"}, "slug"),
    ],
)
def test_an_event_that_cannot_be_is_refused_with_a_reason(events_index, fields, field):
    defaults = {
        "title": "A webinar",
        "slug": "a-webinar",
        "summary": "About kindness.",
        "start": at(2099, 1, 20, 10),
        "end": at(2099, 1, 20, 11),
    }
    event = EventPage(**defaults | fields)
    with pytest.raises(ValidationError) as refused:
        events_index.add_child(instance=event)
    assert field in refused.value.message_dict
