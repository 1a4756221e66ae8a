"""The news's Atom feed, read by a feed reader library as readers' apps would read it."""

import datetime
import html

import feedparser

from tests.news.factories import NewsPostPageFactory


def read(client):
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_a_feed_reader_reads_the_posts_newest_first(news, strand, ben, client):
    NewsPostPageFactory(
        parent=news,
        title="The Place of Kindness is published",
        date=datetime.date(2017, 7, 25),
        summary="Stories from seven community organisations.",
    )
    NewsPostPageFactory(
        parent=news,
        title="The courage to be kind is published",
        date=datetime.date(2020, 12, 8),
        summary="Medics on kindness & COVID-19 <in Scotland>.",
        strands=[strand],
        authors=[ben],
    )
    NewsPostPageFactory(parent=news, title="A draft", live=False)

    feed = read(client)
    assert feed.version == "atom10"
    assert feed.feed.title == "Kinder Communities: news"
    assert feed.feed.link == "http://testserver/news/"
    # The programme is the feed's author, for posts that name none.
    assert feed.feed.author == "Kinder Communities"
    newest, oldest = feed.entries
    assert [newest.title, oldest.title] == [
        "The courage to be kind is published",
        "The Place of Kindness is published",
    ]
    assert newest.link == "http://testserver/news/the-courage-to-be-kind-is-published/"
    # The summary is HTML, as the feed says: a reader shows its "<" and "&" as written.
    assert newest.summary_detail.type == "text/html"
    assert html.unescape(newest.summary) == "Medics on kindness & COVID-19 <in Scotland>."
    assert newest.published_parsed[:3] == (2020, 12, 8)
    assert newest.author == "Ben Thurman"
    assert [tag.term for tag in newest.tags] == ["Kinder communities"]
    assert "author" not in oldest
    assert len({entry.id for entry in feed.entries}) == 2


def test_the_feed_holds_the_twenty_newest(news, client):
    for n in range(25):
        NewsPostPageFactory(parent=news, title=f"Post {n:02}")
    entries = read(client).entries
    assert [entry.title for entry in entries] == [f"Post {n:02}" for n in range(24, 4, -1)]


def test_without_a_news_index_the_feed_is_empty_not_an_error(home, client):
    assert read(client).entries == []
