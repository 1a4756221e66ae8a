"""Pictures are sent as AVIF and WebP, sized to the reader's screen, with a JPEG for old
browsers: the one at the top of a page is fetched first, the rest only as they come near.

The demo content, with a cover on a publication, a photo on a person and a figure in the
about page's body, as an editor would add them; the film's poster is the demo's own.
"""

import pytest
from django.template import engines
from PIL import Image as PillowImage
from PIL import features
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.html import soup
from tests.kindness.factories import ImageFactory
from tests.quality.vnu import assert_valid_html

PUBLICATION = "/library/the-place-of-kindness/"
FILM = "/library/the-practice-of-kindness-film/"
PERSON = "/people/jennifer-wallace/"
ABOUT = "/about/"


def image(description, width, height):
    return ImageFactory(description=description, file__width=width, file__height=height)


@pytest.fixture
def pictured(demo):
    publication = Page.objects.get(url_path="/home/library/the-place-of-kindness/").specific
    publication.image = image("The report's cover: a street of houses at dusk", 1200, 1600)
    publication.save_revision().publish()
    person = Page.objects.get(url_path="/home/people/jennifer-wallace/").specific
    person.photo = image("Jennifer Wallace, smiling", 800, 800)
    person.save_revision().publish()
    about = Page.objects.get(url_path="/home/about/").specific
    garden = image("Raised beds behind the hall", 2000, 1200)
    figure = {"image": {"image": garden.pk, "alt_text": "", "decorative": False}, "caption": ""}
    about.body = [*about.body.raw_data[:1], {"type": "image", "value": figure}]
    about.save_revision().publish()
    return demo


def pictures(client, path, selector):
    """The <picture> elements around the images matching `selector` on the page at `path`."""
    found = [img.parent for img in soup(client.get(path)).select(selector)]
    assert found, f"no {selector} on {path}"
    assert all(element.name == "picture" for element in found)
    return found


def assert_modern_formats_with_fallback(picture):
    """AVIF first, then WebP, each in several widths, and a JPEG <img> that says its size."""
    sources = picture.find_all("source")
    assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
    for source, extension in zip(sources, (".avif", ".webp"), strict=True):
        candidates = [candidate.split() for candidate in source["srcset"].split(",")]
        assert len(candidates) >= 2
        assert all(url.endswith(extension) and width.endswith("w") for url, width in candidates)
        assert source["sizes"]
    img = picture.img
    assert img["src"].endswith(".jpg")
    assert int(img["width"]) > 0
    assert int(img["height"]) > 0
    assert img["sizes"]


def assert_fetched_first(img):
    assert img.get("loading", "eager") == "eager"
    assert img["fetchpriority"] == "high"


def assert_fetched_when_near(img):
    assert img["loading"] == "lazy"
    assert img["decoding"] == "async"
    assert "fetchpriority" not in img.attrs


def test_the_cover_at_the_top_of_a_publication_is_fetched_first(pictured, client):
    (picture,) = pictures(client, PUBLICATION, "img.publication-header__cover")
    assert_modern_formats_with_fallback(picture)
    assert_fetched_first(picture.img)
    assert picture.img["alt"] == "The report's cover: a street of houses at dusk"


def test_a_persons_photo_at_the_top_of_their_page_is_fetched_first(pictured, client):
    (picture,) = pictures(client, PERSON, "img.person-header__photo")
    assert_modern_formats_with_fallback(picture)
    assert_fetched_first(picture.img)
    assert picture.img["alt"] == "Jennifer Wallace, smiling"


def test_a_films_poster_at_the_top_of_its_page_is_fetched_first(pictured, client):
    (picture,) = pictures(client, FILM, ".video-facade__poster, .video-pending__poster")
    assert_modern_formats_with_fallback(picture)
    assert_fetched_first(picture.img)


@pytest.mark.parametrize(
    ("path", "selector", "alt"),
    [
        ("/library/", "img.library-card__image", "The report's cover: a street of houses at dusk"),
        ("/people/", "img.person-card__photo", "Jennifer Wallace, smiling"),
        (ABOUT, ".figure img", "Raised beds behind the hall"),
    ],
)
def test_cards_and_pictures_in_the_text_are_fetched_as_the_reader_nears_them(
    pictured, client, path, selector, alt
):
    found = pictures(client, path, selector)
    for picture in found:
        assert_modern_formats_with_fallback(picture)
        assert_fetched_when_near(picture.img)
    assert alt in [picture.img["alt"] for picture in found]


def test_the_renditions_really_are_avif_and_webp(pictured, client):
    """Pillow here writes AVIF (built with libavif); without it Wagtail would fail to make
    the AVIF renditions, not quietly send JPEG."""
    assert features.check("avif")
    picture = pictures(client, PUBLICATION, "img.publication-header__cover")[0]
    renditions = get_image_model().get_rendition_model().objects
    for source, pillow_format in zip(picture.find_all("source"), ("AVIF", "WEBP"), strict=True):
        url = source["srcset"].split(",")[0].split()[0]
        rendition = next(each for each in renditions.all() if each.url == url)
        with rendition.file.open() as file, PillowImage.open(file) as opened:
            assert opened.format == pillow_format
            assert opened.width == rendition.width


def test_the_picture_shared_on_social_media_stays_a_jpeg(pictured, client):
    """Not every site that shows a shared link's card reads AVIF or WebP."""
    page = soup(client.get(PUBLICATION))
    shared = page.select_one('meta[property="og:image"]')["content"]
    assert shared.endswith((".jpg", ".png"))


def test_pages_with_pictures_are_valid_html(pictured, client, tmp_path):
    documents = {path: client.get(path).content for path in (PUBLICATION, FILM, PERSON, ABOUT)}
    documents["library"] = client.get("/library/").content
    documents["people"] = client.get("/people/").content
    assert_valid_html(documents, tmp_path)


CARD_PICTURE = (
    "{% load LIBRARY %}{% picture image format-{avif,webp,jpeg} fill-{400x225,800x450} "
    'sizes="22rem" ALT loading="lazy" %}'
)


def card_picture(library, image, alt=None):
    """The card's picture drawn by a tag library's `picture`; with no `alt`, the tag gives
    the image's own alt text, as a picture in a page's text does."""
    source = CARD_PICTURE.replace("LIBRARY", library).replace("ALT", "alt=alt" if alt else "")
    return engines["django"].from_string(source).render({"image": image, "alt": alt})


def test_the_sites_picture_tag_draws_what_wagtails_does(db):
    """kindness_images' `picture` keeps the markup it built; it must be Wagtail's, each
    time, for each image and each alt text."""
    first, second = image("A hall", 1200, 900), image("A garden", 900, 1200)
    for picture in (first, second, first):
        for alt in ("A hall", "A hall at night", None):
            ours = card_picture("kindness_images", picture, alt)
            assert ours == card_picture("wagtailimages_tags", picture, alt)
            assert f'alt="{alt or picture.description}"' in ours
    first.description = "A hall, repainted"
    first.save()
    assert 'alt="A hall, repainted"' in card_picture("kindness_images", first)


def test_a_new_focal_point_draws_the_new_crop_at_once(db):
    """New renditions (a new file, a new focal point) are new markup, never the kept one."""
    picture = image("A hall", 1600, 900)
    before = card_picture("kindness_images", picture, "A hall")
    picture.focal_point_x, picture.focal_point_y = 1400, 450
    picture.focal_point_width, picture.focal_point_height = 100, 100
    picture.save()
    after = card_picture("kindness_images", picture, "A hall")
    assert after != before
    assert after == card_picture("wagtailimages_tags", picture, "A hall")
