"""The events' background work, run by the email worker (`manage.py db_worker --backend
email`, which `make run` starts)."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import task

from delivery import page_cache


@task(backend="email")
def forget_ended_event(page_id, end):
    """At an event's end, have the page cache and nginx forget every page that lists it as
    upcoming: its own, the events index and its lists, the calendar feed, the home page and
    its strands' pages.

    The page cache never keeps those pages past the end anyway (`fresh_until`), but nginx,
    past a page's max-age, serves its copy once more while it fetches the new one: this
    purge takes the copy away. `end` is the end the event had when this was queued; an
    event moved since has its own run queued for its new end, so this one does nothing.
    """
    from events.models import EventPage

    event = EventPage.objects.live().filter(pk=page_id).first()
    if event is None or event.end != parse_datetime(end):
        return "nothing to forget"
    if not event.has_ended(timezone.now()):
        return "not ended yet"
    page_cache.invalidate(page_cache.paths_for_page(event))
    return f"forgot the pages of {event.title!r}"
