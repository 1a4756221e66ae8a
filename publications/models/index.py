"""The library page: every publication and film, newest first, filtered and paginated."""

import logging

from django.core.paginator import Paginator
from django.db import DatabaseError, models, transaction
from django.db.models import Case, IntegerField, When
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, Site
from wagtail.search import index

from delivery import site_memo
from kindness.models import ShareMetadataMixin
from kindness.navigation import OneQueryRouteMixin, sections
from kindness.search.text import prefetch_for_snippets, search_terms
from publications.forms import LibraryFilterForm

from .library import LibraryItemPage

PAGE_SIZE = 12
# A search ranks at most this many matches: far more than the library holds.
MAX_SEARCH_HITS = 500
logger = logging.getLogger(__name__)


class PublicationIndexPage(OneQueryRouteMixin, ShareMetadataMixin, Page):
    """The library: every publication and film, newest first, with filters."""

    introduction = models.TextField(blank=True, help_text="A sentence or two above the list.")

    share_description_source = "introduction"
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["programme.HomePage"]
    subpage_types = ["publications.PublicationPage", "publications.FilmPage"]
    max_count = 1
    page_description = "The library of publications and films, with filters. A site has one."

    class Meta:
        verbose_name = "library"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.items()
        form = LibraryFilterForm(request.GET, choices=self.filter_choices(request))
        filtered = form.filter(items)
        query = form.cleaned_data.get("q", "")
        filtered = ranked(filtered, items, query) if query else filtered.newest_first()
        filtered = filtered.for_listing(texts=bool(query))  # A snippet shows the words matched.
        page_obj = Paginator(filtered, PAGE_SIZE).get_page(request.GET.get("page"))
        if query:
            prefetch_for_snippets([item.specific_item for item in page_obj])
        context.update(
            filter_form=form, items=page_obj, paginator=page_obj.paginator, library_query=query
        )
        return context

    def items(self):
        return LibraryItemPage.objects.child_of(self).live().public()

    def filter_choices(self, request):
        """What the filters offer (`LibraryFilterForm.choices()`). It changes only when
        something is published, so it is kept until then."""
        return site_memo.remembered(
            request,
            ("library-filters", self.pk),
            lambda: LibraryFilterForm.choices(self.items()),
            # The library's own address, whichever address asks: its page-cache token
            # changes with every publish that changes what it lists.
            path=self.get_url_parts(request)[2],
        )


def library_page(request):
    """The live library, among the site's sections: no query in a request that has them."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return next(
        (
            page
            for page in sections(request, site.root_page)
            if isinstance(page, PublicationIndexPage) and page.live
        ),
        None,
    )


def ranked(filtered, items, query):
    """`filtered` narrowed to the items that match `query`, best match first.

    The search runs over the whole library (Wagtail's backends filter only on indexed
    fields, and the filters follow relations), and its ranking orders the filtered items.
    """
    try:
        # A savepoint, so a query the full-text parser rejects leaves the request usable.
        with transaction.atomic():
            found = list(items.search(search_terms(query))[:MAX_SEARCH_HITS])
    except DatabaseError:
        logger.exception("Library search failed for %r", query)
        found = []
    if not found:
        return filtered.none()
    rank = Case(
        *[When(pk=item.pk, then=position) for position, item in enumerate(found)],
        output_field=IntegerField(),
    )
    return (
        filtered.filter(pk__in=[item.pk for item in found])
        .annotate(rank=rank)
        .order_by("rank", "-date", "-pk")
    )
