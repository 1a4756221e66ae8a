from django.urls import path

from .feeds import LibraryFeed

urlpatterns = [
    path("feed/", LibraryFeed(), name="publications-feed"),
]
