from django.urls import path

from kindness.views import read_only

from .feeds import NewsFeed

urlpatterns = [
    path("news/feed/", read_only(NewsFeed()), name="news-feed"),
]
