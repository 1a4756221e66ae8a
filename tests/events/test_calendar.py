"""The "add to calendar" files and the calendar feed: RFC 5545, read back by the library that
wrote them (icalendar) and by an independent one (vobject), as calendar apps would."""

from datetime import UTC, datetime, timedelta

import icalendar
import vobject
from django.utils import timezone

from events.models import EventPage
from tests.events.factories import NEXT_YEAR, EventPageFactory, at


def test_an_events_calendar_file_reads_back_the_same_in_two_parsers(events_index, client):
    event = EventPageFactory(
        parent=events_index,
        title="Kindness Leadership Network: summer meeting",
        summary="Members share what has helped kindness take root.",
        start=at(NEXT_YEAR, 6, 16, 10),
        end=at(NEXT_YEAR, 6, 16, 15, 30),
        attendance=EventPage.Attendance.IN_PERSON,
        venue_name="Andrew Carnegie House",
        venue_address="Pittencrieff Street\nDunfermline\nKY12 8AW",
        registration_url="https://forms.example.org/summer",
    )
    response = client.get(f"{event.url}calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    text = response.content.decode()

    (by_icalendar,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    by_vobject = vobject.readOne(text).vevent
    for start, end, summary, location, url, uid, description in (
        (
            by_icalendar.decoded("DTSTART"),
            by_icalendar.decoded("DTEND"),
            str(by_icalendar["SUMMARY"]),
            str(by_icalendar["LOCATION"]),
            str(by_icalendar["URL"]),
            str(by_icalendar["UID"]),
            str(by_icalendar["DESCRIPTION"]),
        ),
        (
            by_vobject.dtstart.value,
            by_vobject.dtend.value,
            by_vobject.summary.value,
            by_vobject.location.value,
            by_vobject.url.value,
            by_vobject.uid.value,
            by_vobject.description.value,
        ),
    ):
        # 10am BST is 9am UTC, in either parser.
        assert start == at(NEXT_YEAR, 6, 16, 10) == datetime(NEXT_YEAR, 6, 16, 9, tzinfo=UTC)
        assert end == at(NEXT_YEAR, 6, 16, 15, 30)
        assert summary == "Kindness Leadership Network: summer meeting"
        assert location == "Andrew Carnegie House, Pittencrieff Street, Dunfermline, KY12 8AW"
        assert url == f"http://localhost{event.url}"
        assert uid == f"event-{event.pk}@localhost"
        assert "Members share what has helped kindness take root." in description
        assert "Register: https://forms.example.org/summer" in description
    assert by_vobject.dtstart.value.utcoffset() == timedelta(hours=1)
    assert str(by_icalendar["STATUS"]) == "CONFIRMED"


def test_a_cancelled_event_is_cancelled_in_calendars(events_index, client):
    event = EventPageFactory(parent=events_index, cancelled=True)
    text = client.get(f"{event.url}calendar/").content.decode()
    assert vobject.readOne(text).vevent.status.value == "CANCELLED"


def test_the_calendar_feed_holds_every_upcoming_event_and_no_past_one(events_index, client):
    now = timezone.now().replace(microsecond=0)
    soon = EventPageFactory(
        parent=events_index,
        title="Soon",
        start=now + timedelta(days=3),
        end=now + timedelta(days=3, hours=1),
    )
    later = EventPageFactory(
        parent=events_index,
        title="Later",
        start=now + timedelta(days=40),
        end=now + timedelta(days=40, hours=2),
    )
    EventPageFactory(
        parent=events_index,
        title="Gone",
        start=now - timedelta(days=3),
        end=now - timedelta(days=3, hours=-1),
    )
    response = client.get("/events/calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline")
    text = response.content.decode()

    by_icalendar = icalendar.Calendar.from_ical(text)
    assert [str(event["SUMMARY"]) for event in by_icalendar.walk("VEVENT")] == ["Soon", "Later"]
    assert [tz["TZID"] for tz in by_icalendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(by_icalendar["X-WR-CALNAME"]).startswith("Events")
    by_vobject = vobject.readOne(text)
    found = {event.summary.value: event for event in by_vobject.vevent_list}
    assert set(found) == {"Soon", "Later"}
    assert found["Soon"].dtstart.value == soon.start
    assert found["Later"].dtend.value == later.end
    # Each event keeps its UID from one fetch to the next, so a subscribed calendar updates
    # it rather than adding it twice.
    again = icalendar.Calendar.from_ical(client.get("/events/calendar/").content)
    assert [str(event["UID"]) for event in again.walk("VEVENT")] == [
        f"event-{soon.pk}@localhost",
        f"event-{later.pk}@localhost",
    ]


def test_the_index_links_to_the_feed_when_there_is_something_in_it(events_index, client):
    EventPageFactory(parent=events_index)
    assert b'href="/events/calendar/"' in client.get("/events/").content


def test_an_empty_feed_is_still_a_calendar(events_index, client):
    text = client.get("/events/calendar/").content.decode()
    assert icalendar.Calendar.from_ical(text).walk("VEVENT") == []
    assert vobject.readOne(text).name == "VCALENDAR"
