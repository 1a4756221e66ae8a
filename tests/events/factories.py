import calendar
from datetime import datetime, timedelta

import factory
import wagtail_factories
from django.utils import timezone

from events.models import UK, EventIndexPage, EventPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An online webinar a week from now, an hour and a half long, registration open."""

    title = factory.Sequence(lambda n: f"Webinar {n}")
    summary = "What the webinar is about, and who it is for."
    kind = EventPage.Kind.WEBINAR
    start = factory.LazyFunction(
        lambda: datetime.combine(
            timezone.localdate(timezone=UK) + timedelta(days=7), datetime.min.time(), UK
        ).replace(hour=10)
    )
    end = factory.LazyAttribute(lambda event: event.start + timedelta(hours=1, minutes=30))
    attendance = EventPage.Attendance.ONLINE
    online_information = "On Zoom: the link is emailed to you when you register."
    registration_url = "https://forms.example.org/register"

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    @factory.post_generation
    def strands(self, create, extracted, **kwargs):
        if create and extracted:
            self.strands.set(extracted)
            self.save()


# A year to come, for events that must be upcoming whenever the tests run; not far off, as
# vobject reads no clock change after 2037.
NEXT_YEAR = timezone.now().year + 1


def last_sunday(year, month):
    return max(week[calendar.SUNDAY] for week in calendar.monthcalendar(year, month))


def at(year, month, day, hour, minute=0):
    """A moment given in UK time."""
    return datetime(year, month, day, hour, minute, tzinfo=UK)


def publish(event):
    """Publish as an editor does, so what publishing sets off (the end's purge) happens."""
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def event_in(days, parent, title, hours=1, **fields):
    """A published event starting `days` from now (negative: ago), `hours` long."""
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return EventPageFactory(
        parent=parent, title=title, start=start, end=start + timedelta(hours=hours), **fields
    )
