"""Strand pages, person pages and the home page list their newest news, and nothing (not an
empty box) when there is none."""

import datetime

from news.wagtail_hooks import HOME_POSTS, PERSON_POSTS, STRAND_POSTS
from tests.html import soup
from tests.news.factories import NewsPostPageFactory


def news_section(page):
    heading = page.select_one("#news-heading")
    return heading.parent if heading else None


def titles(section):
    return [title.get_text(strip=True) for title in section.select(".news-card .card__title")]


def posts(news, count, **fields):
    return [
        NewsPostPageFactory(
            parent=news,
            title=f"Post {n}",
            date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n),
            **fields,
        )
        for n in range(count)
    ]


def test_a_strand_page_lists_its_newest_news_and_links_to_the_rest(
    news, strand, other_strand, client
):
    posts(news, STRAND_POSTS + 1, strands=[strand])
    NewsPostPageFactory(parent=news, title="Another strand's", strands=[other_strand])
    NewsPostPageFactory(parent=news, title="A draft", strands=[strand], live=False)

    section = news_section(soup(client.get(strand.url)))
    assert section.h2.get_text() == "News"
    assert titles(section) == [f"Post {n}" for n in range(STRAND_POSTS, 0, -1)]
    assert section.select_one(".related__more a")["href"] == "/news/?strand=kinder"


def test_a_few_posts_need_no_link_to_more(news, strand, client):
    posts(news, 2, strands=[strand])
    section = news_section(soup(client.get(strand.url)))
    assert titles(section) == ["Post 1", "Post 0"]
    assert section.select_one(".related__more") is None


def test_a_person_page_lists_the_news_they_wrote(news, ben, client):
    posts(news, PERSON_POSTS + 2, authors=[ben])
    NewsPostPageFactory(parent=news, title="Somebody else's")

    section = news_section(soup(client.get(ben.url)))
    assert section.h2.get_text() == "News by Ben Thurman"
    assert titles(section) == [f"Post {n}" for n in range(PERSON_POSTS + 1, 1, -1)]
    assert section.select(".news-card__authors")[0].get_text() == "By Ben Thurman"
    assert section.select_one(".related__more a")["href"] == "/news/"


def test_the_home_page_shows_the_latest_news_below_the_brief(news, client):
    posts(news, HOME_POSTS + 2)
    page = soup(client.get("/"))
    section = news_section(page)
    assert section.h2.get_text() == "Latest news"
    assert titles(section) == [f"Post {n}" for n in range(HOME_POSTS + 1, 1, -1)]
    assert section.select_one(".related__more a")["href"] == "/news/"
    # After the page's own body: the brief comes first, unchanged.
    assert section.find_parent(class_="stream") is not None
    assert not section.find_next_sibling(class_="block-timeline")


def test_without_news_there_is_no_news_section_at_all(news, strand, ben, client):
    NewsPostPageFactory(parent=news, title="A draft", strands=[strand], authors=[ben], live=False)
    for url in ("/", strand.url, ben.url):
        page = soup(client.get(url))
        assert news_section(page) is None, url
        assert "Latest news" not in page.get_text()
