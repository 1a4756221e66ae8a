"""Wagtail hooks of the library."""

from django.urls import reverse
from wagtail import hooks

from kindness.page_cache import page_path
from publications.models import PublicationIndexPage


@hooks.register("page_cache_paths")
def library_and_feed(page):
    """The library and the feed list the newest items, so any publish may change them."""
    libraries = PublicationIndexPage.objects.live()
    return [reverse("publications-feed"), *(page_path(library) for library in libraries)]
