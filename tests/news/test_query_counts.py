"""The pages that list news cost as many queries with 40 posts as with 2: the index (plain
and filtered), the home page, a strand page and a person page."""

import datetime

import wagtail_factories

from tests.news.factories import NewsPostPageFactory
from tests.people.factories import PersonPageFactory
from tests.queries import assert_same_number, settled_queries


def grow(news, strand, ben, people_index, start, count):
    for n in range(start, start + count):
        co_author = PersonPageFactory(parent=people_index, title=f"Co-author {n}")
        NewsPostPageFactory(
            parent=news,
            title=f"Post {n}",
            date=datetime.date(2015, 1, 1) + datetime.timedelta(days=n),
            strands=[strand],
            authors=[ben, co_author],
            image=wagtail_factories.ImageFactory(description=f"Picture {n}") if n % 2 else None,
        )


def test_news_listings_cost_the_same_from_2_to_40_posts(news, strand, ben, people_index, client):
    urls = ["/news/", "/news/?strand=kinder", "/news/?page=2", "/", strand.url, ben.url]
    urls.append("/news/feed/")
    grow(news, strand, ben, people_index, 0, 2)
    few = {url: settled_queries(client, url) for url in urls}
    grow(news, strand, ben, people_index, 2, 38)
    for url in urls:
        assert_same_number(few[url], settled_queries(client, url))
