"""A news post: its date, summary, authors linked to their pages, strands, picture, body."""

import datetime

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError

from tests.html import soup
from tests.news.factories import NewsPostPageFactory
from tests.people.factories import PersonPageFactory


def test_a_post_shows_its_date_authors_strands_and_body(news, strand, ben, people_index, client):
    gone = PersonPageFactory(parent=people_index, title="Unpublished Person", live=False)
    post = NewsPostPageFactory(
        parent=news,
        title="The courage to be kind is published",
        date=datetime.date(2020, 12, 8),
        summary="Medics reflect on kindness.",
        strands=[strand],
        authors=[ben, gone],
        body=[("paragraph", "<p>Today we publish the report.</p>")],
    )
    page = soup(client.get(post.url))
    assert page.h1.get_text() == "The courage to be kind is published"
    assert page.select_one(".lede").get_text() == "Medics reflect on kindness."
    assert page.select_one(".facts time")["datetime"] == "2020-12-08"
    facts = {
        row.dt.get_text(): [item.get_text() for item in row.select("dd li")]
        for row in page.select(".facts > div")
    }
    assert facts["Authors"] == ["Ben Thurman", "Unpublished Person"]
    assert facts["Strand"] == ["Kinder communities"]
    links = {link.get_text(): link["href"] for link in page.select(".facts a")}
    # A live person's page is linked; an unpublished one's name is plain text.
    assert links == {"Ben Thurman": ben.url, "Kinder communities": strand.url}
    assert "Today we publish the report." in page.select_one(".stream").get_text()
    assert page.find("a", string="More news")["href"] == "/news/"


def test_a_picture_is_shown_with_its_description(news, client):
    image = wagtail_factories.ImageFactory(description="Hands around a cup of tea")
    post = NewsPostPageFactory(parent=news, image=image)
    picture = soup(client.get(post.url)).select_one("img.news-post__picture")
    assert picture["alt"] == "Hands around a cup of tea"
    assert soup(client.get("/news/")).select_one(".news-card img")["alt"] == (
        "Hands around a cup of tea"
    )


def test_a_picture_without_a_description_is_refused(news):
    post = NewsPostPageFactory(parent=news)
    post.image = wagtail_factories.ImageFactory(description="")
    with pytest.raises(ValidationError) as refused:
        post.full_clean()
    assert "image" in refused.value.message_dict
