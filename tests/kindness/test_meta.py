"""Titles, descriptions, canonical URLs, Open Graph and Twitter cards on every page type."""

from urllib.parse import urlsplit

import pytest

from tests.html import soup
from tests.kindness.factories import ImageFactory

PAGE_TYPES = (
    "home",
    "content page",
    "strand index",
    "strand",
    "people index",
    "person",
    "library",
    "publication",
    "film",
)


def meta(html, key):
    tag = html.find("meta", attrs={"property": key}) or html.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_has_every_tag_with_absolute_urls(kind, pages, default_share_image, client):
    page = pages[kind]
    html = soup(client.get(page.url))
    assert html.title.get_text().strip()
    assert meta(html, "description")
    assert html.select_one('link[rel="canonical"]')["href"] == page.full_url
    assert meta(html, "og:url") == page.full_url
    assert meta(html, "og:title")
    assert meta(html, "og:description")
    assert meta(html, "og:type") in {"website", "article"}
    assert meta(html, "og:site_name") == "Kinder Communities"
    assert meta(html, "twitter:card") in {"summary_large_image", "summary"}
    assert meta(html, "twitter:title") == meta(html, "og:title")
    assert meta(html, "twitter:image") == meta(html, "og:image")
    assert meta(html, "og:image").startswith("http://localhost/media/")
    assert int(meta(html, "og:image:width")) > 0
    assert int(meta(html, "og:image:height")) > 0
    assert meta(html, "og:image:alt")
    assert meta(html, "twitter:image:alt") == meta(html, "og:image:alt")


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_the_share_image_can_be_fetched(kind, pages, default_share_image, client):
    image_url = meta(soup(client.get(pages[kind].url)), "og:image")
    response = client.get(urlsplit(image_url).path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    b"".join(response.streaming_content)


def test_pages_use_their_own_words_and_pictures_before_the_defaults(
    pages, default_share_image, client
):
    strand = soup(client.get(pages["strand"].url))
    assert meta(strand, "og:description") == pages["strand"].summary
    assert meta(strand, "og:image:alt") == "Kinder Communities in the programme's colours"
    person = soup(client.get(pages["person"].url))
    assert meta(person, "og:image:alt") == "Zoë Ferguson smiling in a garden"
    assert meta(person, "og:description") == "Policy Officer, Carnegie UK Trust"
    index = soup(client.get(pages["strand index"].url))
    assert meta(index, "og:description") == "Every strand of the work."


def test_editors_override_title_description_and_image_in_the_promote_tab(
    pages, default_share_image, client
):
    strand = pages["strand"]
    strand.seo_title = "Kindness in Ayrshire"
    strand.search_description = "What seven groups learned."
    strand.share_image = ImageFactory(
        title="Volunteers",
        description="Volunteers at a community lunch",
        file__width=1500,
        file__height=1000,
        file__filename="volunteers.jpg",
    )
    strand.save_revision().publish()
    html = soup(client.get(strand.url))
    # One title and one description, for search engines and networks alike.
    assert meta(html, "og:title") == meta(html, "twitter:title") == "Kindness in Ayrshire"
    assert html.title.string.startswith("Kindness in Ayrshire")
    assert meta(html, "og:description") == "What seven groups learned."
    assert meta(html, "twitter:description") == "What seven groups learned."
    assert meta(html, "description") == "What seven groups learned."
    assert meta(html, "og:image:alt") == "Volunteers at a community lunch"
    assert meta(html, "og:image").endswith(strand.share_image.renditions.get().url)


def test_landscape_pictures_are_cut_to_the_large_card_and_portraits_kept_whole(
    pages, default_share_image, client
):
    strand = soup(client.get(pages["strand"].url))
    assert (meta(strand, "og:image:width"), meta(strand, "og:image:height")) == ("1200", "630")
    assert meta(strand, "twitter:card") == "summary_large_image"
    person = soup(client.get(pages["person"].url))
    assert (meta(person, "og:image:width"), meta(person, "og:image:height")) == ("400", "400")
    assert meta(person, "twitter:card") == "summary"


def test_without_any_picture_the_card_is_a_summary(pages, client):
    html = soup(client.get(pages["strand"].url))
    assert meta(html, "og:image") is None
    assert meta(html, "twitter:card") == "summary"


def test_a_missing_image_file_costs_the_picture_not_the_page(pages, default_share_image, client):
    default_share_image.file.storage.delete(default_share_image.file.name)
    html = soup(client.get(pages["strand"].url))
    assert meta(html, "og:image") is None


def test_titles_name_the_site_except_on_the_home_page(pages, client):
    assert soup(client.get("/")).title.get_text() == "Kinder Communities"
    strand = soup(client.get(pages["strand"].url)).title.get_text()
    assert strand == f"{pages['strand'].title} | Kinder Communities"
