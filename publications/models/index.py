"""The library page: every publication and film, newest first, filtered and paginated."""

from django.core.paginator import Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from kindness.models import ShareMetadataMixin
from publications.forms import LibraryFilterForm

from .library import LibraryItemPage

PAGE_SIZE = 12


class PublicationIndexPage(ShareMetadataMixin, Page):
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
        items = LibraryItemPage.objects.child_of(self).live().public()
        form = LibraryFilterForm(request.GET, items=items)
        filtered = form.filter(items).newest_first().for_listing()
        page_obj = Paginator(filtered, PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(filter_form=form, items=page_obj, paginator=page_obj.paginator)
        return context
