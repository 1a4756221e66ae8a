"""UK time, on either side of the clocks' change: an event on the last Sunday of March (the
clocks go forward at 1am GMT) and of October (back at 2am BST) is shown at the time it
happens in the UK, on its page, in the lists and in its calendar file, which a second
parser (vobject) reads at the same moment."""

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from tests.events.factories import NEXT_YEAR, EventPageFactory, last_sunday

MARCH = date(NEXT_YEAR, 3, last_sunday(NEXT_YEAR, 3))
OCTOBER = date(NEXT_YEAR, 10, last_sunday(NEXT_YEAR, 10))
SATURDAY = timedelta(days=-1)


def utc(day, hour, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def long_date(day):
    return f"{day:%A} {day.day} {day:%B} {day.year}"


CASES = {
    # From 1am GMT on the last Sunday of March the UK keeps BST (UTC+1): 9am UTC is 10am.
    "last Sunday of March": (
        utc(MARCH, 9),
        utc(MARCH, 10, 30),
        f"{long_date(MARCH)}, 10am to 11:30am BST",
        "+01:00",
        f"{MARCH:%Y%m%d}T100000",
    ),
    # From 2am BST on the last Sunday of October it keeps GMT again: 10am UTC is 10am.
    "last Sunday of October": (
        utc(OCTOBER, 10),
        utc(OCTOBER, 11, 30),
        f"{long_date(OCTOBER)}, 10am to 11:30am GMT",
        "+00:00",
        f"{OCTOBER:%Y%m%d}T100000",
    ),
    # The day before each, on the other side of the change.
    "Saturday before, March": (
        utc(MARCH + SATURDAY, 10),
        utc(MARCH + SATURDAY, 11, 30),
        f"{long_date(MARCH + SATURDAY)}, 10am to 11:30am GMT",
        "+00:00",
        f"{MARCH + SATURDAY:%Y%m%d}T100000",
    ),
    "Saturday before, October": (
        utc(OCTOBER + SATURDAY, 9),
        utc(OCTOBER + SATURDAY, 10, 30),
        f"{long_date(OCTOBER + SATURDAY)}, 10am to 11:30am BST",
        "+01:00",
        f"{OCTOBER + SATURDAY:%Y%m%d}T100000",
    ),
    # Overnight across the change itself: each end in its own time.
    "across the change": (
        utc(MARCH + SATURDAY, 23, 30),
        utc(MARCH, 1, 30),
        f"{long_date(MARCH + SATURDAY)}, 11:30pm GMT to {long_date(MARCH)}, 2:30am BST",
        "+00:00",
        f"{MARCH + SATURDAY:%Y%m%d}T233000",
    ),
}


@pytest.mark.parametrize(
    ("start_utc", "end_utc", "shown", "utc_offset", "ics_start"),
    list(CASES.values()),
    ids=list(CASES),
)
def test_an_event_is_shown_at_its_uk_time_either_side_of_the_clock_change(
    events_index, client, start_utc, end_utc, shown, utc_offset, ics_start
):
    event = EventPageFactory(parent=events_index, start=start_utc, end=end_utc)

    html = BeautifulSoup(client.get(event.url).content, "html.parser")
    when = html.select_one(".facts time")
    assert when.get_text(strip=True) == shown
    assert when["datetime"].endswith(utc_offset)
    listed = BeautifulSoup(client.get("/events/").content, "html.parser")
    assert listed.select_one(".event-card__when").get_text(strip=True) == shown

    ics = client.get(f"{event.url}calendar/").content.decode()
    # Written in UK time with its zone, and read back as the same moment by both parsers:
    # icalendar by the zone's name, vobject by the zone's rules the file carries.
    assert f"DTSTART;TZID=Europe/London:{ics_start}" in ics
    (component,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert component.decoded("DTSTART") == start_utc
    assert component.decoded("DTEND") == end_utc
    read = vobject.readOne(ics).vevent
    assert read.dtstart.value == start_utc
    assert read.dtend.value == end_utc
    assert read.dtstart.value.utcoffset() == timedelta(hours=1 if utc_offset == "+01:00" else 0)
