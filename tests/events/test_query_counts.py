"""The events pages cost as many queries with many events as with a few."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import EventPage
from programme.models import StrandPage
from tests.events.factories import EventPageFactory
from tests.queries import assert_same_number, settled_queries


def grow(events_index, strand, start, count):
    now = timezone.now().replace(microsecond=0)
    for n in range(start, start + count):
        # Half to come, half past, all in the strand.
        begins = now + timedelta(days=n + 1) if n % 2 else now - timedelta(days=n + 1)
        EventPageFactory(
            parent=events_index,
            title=f"Event {n}",
            start=begins,
            end=begins + timedelta(hours=1),
            strands=[strand],
        )


@pytest.mark.parametrize(
    "path",
    [
        "/events/",
        "/events/past/",
        "/events/past/?page=2",
        "/events/calendar/",
        "/",
        "strand",
        "event",
    ],
)
def test_events_pages_make_as_many_queries_for_60_events_as_for_4(events_index, client, path):
    strand = StrandPage.objects.live().order_by("path").first()
    grow(events_index, strand, 0, 4)
    url = {"strand": strand.url, "event": EventPage.objects.get(title="Event 1").url}.get(
        path, path
    )
    few = settled_queries(client, url)
    grow(events_index, strand, 4, 56)
    many = settled_queries(client, url)
    assert_same_number(few, many)
