"""Events for the checks that visit every page type: the demo has none (none are known), so
they build an upcoming and a past event of their own, as the chapters' checks build a
report in chapters (tests/publications/report_examples.py)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from events.models import UK, EventIndexPage, EventPage
from programme.models import StrandPage
from publications.models import FilmPage, PublicationPage

UPCOMING_SLUG = "example-upcoming-network-meeting"
PAST_SLUG = "example-past-webinar"


def add_example_events():
    """An upcoming meeting in person and a past webinar, under the events index; added
    once (the caller's transaction, or the test's database flush, takes them away)."""
    index = EventIndexPage.objects.live().first()
    if index is None or EventPage.objects.child_of(index).filter(slug=UPCOMING_SLUG).exists():
        return
    strand = StrandPage.objects.live().order_by("path").first()
    # 10am UK time, a month ahead and a month ago.
    today = timezone.localdate(timezone=UK)
    ahead = datetime.combine(today + timedelta(days=30), time(10), UK)
    ago = datetime.combine(today - timedelta(days=30), time(10), UK)
    upcoming = EventPage(
        slug=UPCOMING_SLUG,
        title="Kindness Leadership Network: spring meeting",
        kind=EventPage.Kind.NETWORK_MEETING,
        summary="Members of the Network share what has helped kindness take root in their "
        "organisations, and plan the year ahead.",
        start=ahead,
        end=ahead + timedelta(hours=3),
        attendance=EventPage.Attendance.MIXED,
        venue_name="Andrew Carnegie House",
        venue_address="Pittencrieff Street\nDunfermline\nKY12 8AW",
        access_information="Step-free entrance from the car park; an accessible toilet on "
        "the ground floor; a hearing loop in the meeting room.",
        online_information="On Zoom: the link is emailed to you when you register.",
        registration_url="https://forms.example.org/network-spring-meeting",
        body=[("paragraph", "<p>The meeting runs from 10am with lunch at midday.</p>")],
    )
    past = EventPage(
        slug=PAST_SLUG,
        title="Webinar: kindness in public policy",
        kind=EventPage.Kind.WEBINAR,
        summary="How kindness can shape the way public services are designed and delivered.",
        start=ago,
        end=ago + timedelta(hours=1),
        attendance=EventPage.Attendance.ONLINE,
        registration_url="https://forms.example.org/policy-webinar",
        registration_closed=True,
        # What came of it, as the page shows once an event has ended.
        film=FilmPage.objects.live().order_by("path").first(),
        report=PublicationPage.objects.live().order_by("path").first(),
    )
    for event in (upcoming, past):
        if strand is not None:
            event.strands = [strand]
        index.add_child(instance=event)
        event.save_revision().publish()
