"""Wagtail hooks of the events: what the page cache forgets, and the upcoming events the
home page and strand pages show (their slots, kindness.slots)."""

from wagtail import hooks
from wagtail.models import Site

from delivery.page_cache import fresh_until, page_path
from events.models import EventIndexPage, EventPage
from kindness.navigation import sections
from kindness.slots import SlotComponent

# The home page and a strand page show this many of the soonest upcoming events.
SHOWN_UPCOMING = 3


@hooks.register("page_cache_paths")
def event_lists(page):
    """An event is listed on the events index (its own path is the event's ancestor), its
    past list and calendar feed, and its strands' pages; its own download has an address
    of its own."""
    if not isinstance(page, EventPage | EventIndexPage):
        return []
    paths = []
    for index in EventIndexPage.objects.live():
        base = page_path(index)
        if base:
            paths += [base + index.reverse_subpage(name) for name in ("past", "calendar")]
    if isinstance(page, EventPage):
        base = page_path(page)
        if base:
            paths.append(base + page.reverse_subpage("calendar"))
        paths += [page_path(strand) for strand in page.strands.all()]
    return paths


def events_index(request):
    """The live events index, among the site's sections: no query in a request that has
    them."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return next(
        (
            page
            for page in sections(request, site.root_page)
            if isinstance(page, EventIndexPage) and page.live and not page.is_private
        ),
        None,
    )


class UpcomingEvents(SlotComponent):
    """The soonest upcoming events as cards, and a link to all of them."""

    template_name = "events/includes/upcoming_events.html"

    def __init__(self, events, index):
        self.events = events
        self.index = index

    def get_context_data(self, parent_context=None):
        return {"upcoming_events": self.events, "events_index": self.index}


def upcoming(context, events):
    """The component for the first SHOWN_UPCOMING of `events` that are upcoming, or None
    when there are none: a page shows nothing rather than an empty box."""
    request = context.get("request")
    index = events_index(request)
    if index is None:
        return None
    events = events.live().public().child_of(index)
    shown = list(events.upcoming().for_listing()[:SHOWN_UPCOMING])
    if not shown:
        return None
    # The list changes when one of the shown events ends. One not shown starts no sooner
    # than they do, so its end changes nothing here while they are still on: the soonest
    # shown end is the moment, found without a query of its own.
    fresh_until(request, min(event.end for event in shown))
    return UpcomingEvents(shown, index)


@hooks.register("slot:home_after_body")
def home_upcoming_events(context):
    return upcoming(context, EventPage.objects.all())


@hooks.register("slot:strand_items")
def strand_upcoming_events(context):
    strand = context["page"]
    # A strand not saved yet (a preview) has no events.
    if not strand.pk:
        return None
    return upcoming(context, EventPage.objects.filter(strands=strand))
