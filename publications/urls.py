from django.urls import path

from kindness.views import read_only

from .feeds import LibraryFeed
from .views import library_authors

urlpatterns = [
    path("feed/", read_only(LibraryFeed()), name="publications-feed"),
    path("library-authors.json", library_authors, name="publications-authors"),
]
