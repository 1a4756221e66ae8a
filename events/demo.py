"""The events index, without events: none are known (facts.md), so the index says so and
points to the newsletter. Made-up events only to grow the site for benchmarks."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from events.models import UK, EventIndexPage, EventPage
from kindness.demo import (
    GENERATED_NOTE,
    GENERATED_PREFIX,
    child_page,
    generated_numbers,
    generated_slug,
    home,
)
from programme.models import StrandPage

INDEX_SLUG = "events"
GENERATED_EVENT_SLUG = "generated-event"
# Made-up events a scale step, half to come, half past: from --scale 7 on, both lists run
# onto a second page.
EVENTS_PER_SCALE = 5


def load():
    root = home()
    if root is None:
        return
    child_page(
        root,
        EventIndexPage,
        INDEX_SLUG,
        title="Events",
        introduction="Meetings of the Kindness Leadership Network and the programme's "
        "webinars: what is coming up, and what has happened, with its films, slides and "
        "reports.",
        show_in_menus=True,
    )


def grow(scale):
    """Made-up events, half in the weeks to come and half in the past, each in a strand."""
    index = EventIndexPage.objects.first()
    if index is None:
        return
    strands = list(StrandPage.objects.live().order_by("path"))
    today = timezone.localdate(timezone=UK)
    count = EVENTS_PER_SCALE * (scale - 1)
    for n in generated_numbers(index, EventPage, GENERATED_EVENT_SLUG, count):
        # Upcoming ones from tomorrow, past ones until yesterday: a week apart.
        days = 7 * (n // 2) + 1
        day = today + timedelta(days=days) if n % 2 else today - timedelta(days=days)
        start = datetime.combine(day, time(10), tzinfo=UK)
        in_person = n % 3 == 0
        page = EventPage(
            slug=generated_slug(GENERATED_EVENT_SLUG, n),
            title=f"{GENERATED_PREFIX} Event {n:03}",
            kind=EventPage.Kind.WEBINAR if n % 2 else EventPage.Kind.NETWORK_MEETING,
            summary=f"{GENERATED_NOTE} A made-up event, to give the events pages more to list.",
            start=start,
            end=start + timedelta(hours=1, minutes=30),
            attendance=EventPage.Attendance.IN_PERSON if in_person else EventPage.Attendance.ONLINE,
            venue_name="Generated venue" if in_person else "",
            venue_address="1 Generated Street\nGenerated Town" if in_person else "",
            registration_url="https://example.org/register" if n % 2 else "",
            body=[("paragraph", f"<p>{GENERATED_NOTE}</p>")],
        )
        if strands:
            page.strands = [strands[n % len(strands)]]
        index.add_child(instance=page)
        page.save_revision().publish()
