from django.urls import path

from kindness.views import read_only

from .feeds import LibraryFeed

urlpatterns = [
    path("feed/", read_only(LibraryFeed()), name="publications-feed"),
]
