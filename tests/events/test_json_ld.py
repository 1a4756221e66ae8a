"""schema.org Event data on an event's page, with the fields search engines require."""

import json
from datetime import timedelta

from bs4 import BeautifulSoup
from django.utils import timezone

from events.models import EventPage
from tests.events.factories import NEXT_YEAR, EventPageFactory, at


def event_data(client, event):
    html = BeautifulSoup(client.get(event.url).content, "html.parser")
    found = [
        json.loads(script.string) for script in html.select('script[type="application/ld+json"]')
    ]
    (data,) = [item for item in found if item.get("@type") == "Event"]
    return data


def test_an_online_event_with_registration_open(events_index, client):
    event = EventPageFactory(
        parent=events_index,
        title="Webinar: kindness and regulation",
        summary="How regulators can make room for kindness.",
        start=at(NEXT_YEAR, 6, 16, 10),
        end=at(NEXT_YEAR, 6, 16, 11, 30),
        registration_url="https://forms.example.org/regulation",
    )
    data = event_data(client, event)
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Webinar: kindness and regulation"
    assert data["description"] == "How regulators can make room for kindness."
    assert data["startDate"] == f"{NEXT_YEAR}-06-16T10:00:00+01:00"
    assert data["endDate"] == f"{NEXT_YEAR}-06-16T11:30:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://forms.example.org/regulation",
    }
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Carnegie UK Trust",
        "url": "http://localhost/",
    }
    assert data["offers"]["url"] == "https://forms.example.org/regulation"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["url"] == f"http://localhost{event.url}"
    assert data["image"][0].startswith("http://localhost/")


def test_an_event_in_person_has_a_place_with_an_address(events_index, client):
    event = EventPageFactory(
        parent=events_index,
        attendance=EventPage.Attendance.IN_PERSON,
        venue_name="Andrew Carnegie House",
        venue_address="Pittencrieff Street\nDunfermline\nKY12 8AW",
        registration_closed=True,
    )
    data = event_data(client, event)
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Andrew Carnegie House",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Pittencrieff Street, Dunfermline, KY12 8AW",
            "addressCountry": "GB",
        },
    }
    # Registration closed: no offer to take up.
    assert "offers" not in data


def test_an_event_in_both_places_has_both_locations(events_index, client):
    event = EventPageFactory(
        parent=events_index,
        attendance=EventPage.Attendance.MIXED,
        venue_name="A hall",
        venue_address="1 High Street\nDunfermline",
    )
    data = event_data(client, event)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]


def test_a_cancelled_or_past_event_offers_no_registration(events_index, client):
    cancelled = EventPageFactory(parent=events_index, cancelled=True)
    data = event_data(client, cancelled)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert "offers" not in data
    now = timezone.now()
    past = EventPageFactory(
        parent=events_index, start=now - timedelta(days=1), end=now - timedelta(hours=20)
    )
    assert "offers" not in event_data(client, past)
