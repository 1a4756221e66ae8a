"""The pages every quality check visits, found from the data rather than listed by hand.

The first live page of every concrete page type, the search results and the "not found"
page: a page type added later joins the accessibility, validity, keyboard, no-JavaScript,
motion and reflow checks as soon as the demo content has a live page of it.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, get_page_models

# An address no page will ever have, for the "not found" page.
MISSING_PATH = "/no-such-page-here/"
SEARCH_QUERY = "kindness"


@dataclass(frozen=True)
class SitePage:
    label: str
    path: str
    status: int = 200

    def __str__(self):
        return f"{self.label} ({self.path})"


def page_types():
    return [model for model in get_page_models() if model is not Page]


def first_live_page_of_each_type():
    """One page per page type, the first in tree order; parents share with their subtypes."""
    pages = {}
    for model in page_types():
        page = model.objects.live().public().order_by("path").first()
        if page is None:
            continue
        page = page.specific
        # A multi-table parent type (a library item) has no template of its own: its first
        # page is a page of a subtype, which the subtype's own turn visits.
        pages.setdefault(type(page)._meta.label, SitePage(type(page)._meta.label, page.url))
    return list(pages.values())


def search_results():
    """The search results page, once the site has one; None before."""
    try:
        url = reverse("search")
    except NoReverseMatch:
        return None
    return SitePage("search results", f"{url}?q={SEARCH_QUERY}")


def quality_pages():
    """Every page the checks visit: one of each page type, search results and a 404."""
    pages = first_live_page_of_each_type()
    assert pages, "No live page at all: load the demo content first."
    search = search_results()
    if search:
        pages.append(search)
    pages.append(SitePage("not found", MISSING_PATH, status=404))
    return pages


def creatable_types_without_a_live_page():
    """Names of the page types an editor can create that have no live, public page yet."""
    return [
        model.__name__
        for model in page_types()
        if model.is_creatable and not model.objects.live().public().exists()
    ]


def first_live(model_label):
    """The first live page of a type given as "app.Model", or None if it has none (yet)."""
    for model in page_types():
        if model._meta.label == model_label:
            return model.objects.live().public().order_by("path").first()
    return None
