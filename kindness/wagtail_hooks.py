"""Wagtail hooks for every page: the methods a page answers, and what the page cache forgets."""

from django.urls import reverse
from wagtail import hooks
from wagtail.fields import StreamField

from kindness.blocks import ChartBlock
from kindness.page_cache import SAFE_METHODS
from kindness.views import method_not_allowed


@hooks.register("before_serve_page")
def only_get_and_head(page, request, serve_args, serve_kwargs):
    """A page is read, never posted to: forms post to views of their own."""
    if request.method not in SAFE_METHODS:
        return method_not_allowed(request, SAFE_METHODS)
    return None


@hooks.register("page_cache_paths")
def search_and_sitemap(page):
    """Any page may appear in search results and is listed in the sitemap."""
    return [reverse("search"), reverse("sitemap")]


@hooks.register("page_cache_paths")
def chart_downloads(page):
    """Each chart's CSV download has an address of its own."""
    page = page.specific
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            for child in getattr(page, field.attname):
                if isinstance(child.block, ChartBlock):
                    yield reverse("chart-csv", args=[page.pk, child.id])
