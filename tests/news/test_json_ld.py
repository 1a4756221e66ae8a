"""A post describes itself to search engines as a schema.org NewsArticle."""

import datetime
import json

from tests.html import soup
from tests.news.factories import NewsPostPageFactory
from tests.people.factories import PersonPageFactory


def json_ld(page):
    blocks = page.select('script[type="application/ld+json"]')
    assert len(blocks) == 1
    return json.loads(blocks[0].string)


def test_a_post_is_a_news_article_with_its_authors_and_dates(news, ben, people_index, client):
    draft_author = PersonPageFactory(parent=people_index, title="Not Yet Live", live=False)
    post = NewsPostPageFactory(
        parent=news,
        title="The courage to be kind is published",
        date=datetime.date(2020, 12, 8),
        summary="Medics reflect on kindness.",
        authors=[ben, draft_author],
    )
    post.save_revision().publish()
    post.refresh_from_db()
    data = json_ld(soup(client.get(post.url)))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "The courage to be kind is published"
    assert data["description"] == "Medics reflect on kindness."
    assert data["datePublished"] == "2020-12-08"
    assert data["dateModified"].startswith(str(post.last_published_at.date()))
    assert data["url"] == data["mainEntityOfPage"] == "http://localhost/news/" + post.slug + "/"
    assert data["author"] == [
        {"@type": "Person", "name": "Ben Thurman", "url": "http://localhost/people/ben-thurman/"},
        {"@type": "Person", "name": "Not Yet Live"},
    ]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"]


def test_a_post_without_authors_is_by_the_programme(news, client):
    post = NewsPostPageFactory(parent=news)
    data = json_ld(soup(client.get(post.url)))
    assert data["author"] == [data["publisher"]]


def test_a_script_end_tag_in_a_title_cannot_close_the_json(news, client):
    post = NewsPostPageFactory(parent=news, title="</script><script>alert(1)</script>")
    data = json_ld(soup(client.get(post.url)))
    assert data["headline"] == "</script><script>alert(1)</script>"
