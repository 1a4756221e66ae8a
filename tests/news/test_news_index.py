"""The news index: newest first, a page at a time, filtered by strand from the query
string, with a bad parameter ignored and said so, never an error."""

import datetime

import pytest

from news.models import PAGE_SIZE
from tests.html import soup
from tests.news.factories import NewsPostPageFactory


def titles(page):
    return [title.get_text(strip=True) for title in page.select(".news-card .card__title")]


def test_posts_are_listed_newest_first_and_drafts_are_not(news, client):
    NewsPostPageFactory(parent=news, title="Older", date=datetime.date(2017, 7, 25))
    NewsPostPageFactory(parent=news, title="Newer", date=datetime.date(2020, 12, 8))
    NewsPostPageFactory(parent=news, title="A draft", live=False)

    page = soup(client.get("/news/"))
    assert titles(page) == ["Newer", "Older"]
    card = page.select(".news-card")[0]
    assert card.select_one("time")["datetime"] == "2020-12-08"
    assert card.select_one("time").get_text() == "8 December 2020"
    assert card.select_one(".card__title a")["href"] == "/news/newer/"


def test_a_strand_filter_is_a_plain_get_form_with_a_shareable_address(
    news, strand, other_strand, client
):
    NewsPostPageFactory(parent=news, title="Kind news", strands=[strand])
    NewsPostPageFactory(parent=news, title="Survey news", strands=[other_strand])
    NewsPostPageFactory(parent=news, title="Both", strands=[strand, other_strand])

    page = soup(client.get("/news/?strand=kinder"))
    assert sorted(titles(page)) == ["Both", "Kind news"]
    form = page.select_one("form.news-filters")
    assert (form["method"], form["action"]) == ("get", "/news/")
    assert form.select_one("select[name=strand] option[selected]")["value"] == "kinder"
    assert "in this strand" in page.select_one(".news-count").get_text()
    # The way back to everything.
    assert page.find("a", string="All the news")["href"] == "/news/"


@pytest.mark.parametrize(
    "query",
    [
        "strand=no-such-strand",
        "strand=%00",
        "strand=kinder&strand=quant&strand=x",
        "page=zz",
        "page=-1",
        "page=99999999999999999999",
        "strand=" + "x" * 5000,
    ],
)
def test_bad_parameters_are_ignored_never_an_error(news, strand, client, query):
    NewsPostPageFactory(parent=news, title="Kind news", strands=[strand])
    NewsPostPageFactory(parent=news, title="Other news")

    response = client.get(f"/news/?{query}")
    assert response.status_code == 200
    assert titles(soup(response))


def test_an_unknown_strand_says_so_and_shows_all_the_news(news, strand, client):
    NewsPostPageFactory(parent=news, title="Kind news", strands=[strand])
    NewsPostPageFactory(parent=news, title="Other news")

    page = soup(client.get("/news/?strand=no-such-strand"))
    assert sorted(titles(page)) == ["Kind news", "Other news"]
    assert "no strand of that name" in page.select_one(".news-filters__error").get_text()


def test_a_strand_with_no_news_says_so(news, strand, other_strand, client):
    NewsPostPageFactory(parent=news, title="Kind news", strands=[strand])

    page = soup(client.get("/news/?strand=quant"))
    assert titles(page) == []
    assert "no news of this strand yet" in page.select_one(".news-empty").get_text()


def test_pages_of_posts_keep_the_filter(news, strand, client):
    for n in range(PAGE_SIZE + 3):
        NewsPostPageFactory(
            parent=news,
            title=f"Post {n:02}",
            date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n),
            strands=[strand],
        )
    NewsPostPageFactory(parent=news, title="Elsewhere", date=datetime.date(2025, 1, 1))

    first = soup(client.get("/news/?strand=kinder"))
    assert titles(first) == [f"Post {n:02}" for n in range(PAGE_SIZE + 2, 2, -1)]
    assert "page 1 of 2" in first.select_one(".news-count").get_text()
    older = first.select_one(".pagination a[rel=next]")["href"]
    assert "strand=kinder" in older
    assert "page=2" in older

    second = soup(client.get("/news/" + older))
    assert titles(second) == ["Post 02", "Post 01", "Post 00"]
    assert second.select_one(".pagination a[rel=prev]")


def test_the_index_links_its_feed(news, client):
    page = soup(client.get("/news/"))
    link = page.select_one("head link[rel=alternate][type='application/atom+xml'][title=News]")
    assert link["href"] == "/news/feed/"
    assert page.find("a", href="/news/feed/")


def test_the_news_is_in_the_main_navigation(news, client):
    page = soup(client.get("/"))
    assert page.select_one("nav[aria-label=Main] a[href='/news/']").get_text() == "News"
