"""The pages every quality check visits, found from the data rather than listed by hand.

Every live page of the demo site, the search results and the "not found" page: a page an
editor (or the demo content) adds, of a type that exists or of a new one, joins the
accessibility, validity, keyboard, no-JavaScript, motion, reflow and security checks at once.
The demo content must hold a live page of every page type an editor can create, so a new
type cannot slip past them by having no page; the one it cannot (events, none being known)
is built by the checks themselves (`add_examples()`).
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from wagtail.models import Page, get_page_models

# An address no page will ever have, for the "not found" page.
MISSING_PATH = "/no-such-page-here/"
SEARCH_QUERY = "kindness"
# WCAG 1.4.10 Reflow: 320 CSS pixels wide is a 1280 px window zoomed to 400%.
REFLOW_WIDTH = 320


@dataclass(frozen=True)
class SitePage:
    label: str
    path: str
    status: int = 200

    def __str__(self):
        return f"{self.label} ({self.path})"


def page_types():
    return [model for model in get_page_models() if model is not Page]


def every_live_page():
    """Every live, public page a reader can reach, in the order of the page tree."""
    pages = []
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        url = page.url
        # A page outside every site has no address: no reader can reach it.
        if url is not None:
            pages.append(SitePage(type(page)._meta.label, url))
    # Else every check that visits them would pass, having visited nothing.
    assert pages, "no live page has an address: the demo content is missing"
    return pages


def one_live_page_of_each_type():
    """The first live page of each type: for checks that exercise code, not content."""
    pages = {}
    for site_page in every_live_page():
        pages.setdefault(site_page.label, site_page)
    return list(pages.values())


def search_results():
    return SitePage("search results", f"{reverse('search')}?q={SEARCH_QUERY}")


def not_found():
    return SitePage("not found", MISSING_PATH, status=404)


def creatable_types_without_a_live_page():
    """Names of the page types an editor can create that have no live, public page."""
    return [
        model.__name__
        for model in page_types()
        if model.is_creatable and not model.objects.live().public().exists()
    ]


def assert_every_type_has_a_page():
    missing = creatable_types_without_a_live_page()
    assert not missing, f"the demo content has no live {', '.join(missing)}"


def add_examples():
    """Pages of the types the demo cannot hold: it has no events, since none are known, so
    the checks build an upcoming and a past event (tests/events/examples.py) in the test's
    own transaction or database, which the next test no longer has."""
    from tests.events.examples import add_example_events

    add_example_events()


def event_lists():
    """The events index's list of past events, beside the index itself."""
    index = apps.get_model("events.EventIndexPage").objects.live().public().first()
    return [SitePage("events.EventIndexPage past", f"{index.url}past/")] if index else []


def quality_pages():
    """Every page the checks visit: every live page, the search results and a 404."""
    add_examples()
    assert_every_type_has_a_page()
    return [*every_live_page(), *event_lists(), search_results(), not_found()]


def quality_pages_one_per_type():
    """One live page of each type, the search results and a 404, for the slowest checks."""
    add_examples()
    assert_every_type_has_a_page()
    return [*one_live_page_of_each_type(), *event_lists(), search_results(), not_found()]


def first_live_report_with_a_download():
    """The first live publication that offers a file; the demo content must have one."""
    publications = apps.get_model("publications.PublicationPage").objects.live().public()
    page = publications.filter(downloads__isnull=False).order_by("path").first()
    assert page is not None, "the demo content offers no download"
    return page


def first_live(model_label):
    """The first live page of a type given as "app.Model"; the demo content must have one."""
    page = apps.get_model(model_label).objects.live().public().order_by("path").first()
    assert page is not None, f"the demo content has no live {model_label}"
    return page.specific
