"""Every page shares a card of its own: its title, its type and the programme's name, drawn
by the documents worker when the page is published (1200 × 630, under 200 kB), read back
here by OCR; a long title wraps inside the margins; a new title draws a new card; a page
without a card yet shares what it shared before (its own picture, or the site's default)."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from PIL import Image, ImageChops
from wagtail.models import Page, PageViewRestriction

from kindness.models import SiteSettings
from social_cards.models import SocialCard
from tests.browser.pages import every_live_page
from tests.html import soup
from tests.kindness.factories import ImageFactory
from tests.ocr import read_text, words
from tests.programme.factories import ContentPageFactory, StrandPageFactory
from tests.publications.conftest import run_document_tasks
from tests.publications.factories import PublicationPageFactory

pytestmark = pytest.mark.django_db

MARGIN = 72  # the card's design: nothing drawn nearer its edges
MAX_BYTES = 200_000
# How a picture the page has is shared without a card (as before cards were drawn).
SHARE_SPEC = "fill-1200x630|format-jpeg|jpegquality-85"


def share_tags(client, path):
    """The page's Open Graph and Twitter image tags, {property or name: content}."""
    html = soup(client.get(path))
    tags = html.select('meta[property^="og:image"], meta[name^="twitter:"]')
    return {tag.get("property") or tag.get("name"): tag["content"] for tag in tags}


def fetch(client, url):
    """The file at `url` (an absolute address on this site), as a reader's network would."""
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def card_of(client, path):
    tags = share_tags(client, path)
    return tags["og:image"], fetch(client, tags["og:image"])


def publish(page, django_capture_on_commit_callbacks, **changes):
    """Publish `page` (with `changes`) as an editor does, then run the documents worker."""
    page = Page.objects.get(pk=page.pk).specific
    page = page.get_latest_revision_as_object() if page.latest_revision_id else page
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    run_document_tasks()
    return Page.objects.get(pk=page.pk).specific


def ink_box(data):
    """The box around everything drawn on the card's ground (the colour of its corner):
    (left, top, right, bottom), right and bottom the first column and row past the ink."""
    picture = Image.open(io.BytesIO(data)).convert("RGB")
    ground = Image.new("RGB", picture.size, picture.getpixel((0, 0)))
    return ImageChops.difference(picture, ground).point(lambda v: 255 if v > 24 else 0).getbbox()


def test_every_published_page_shares_a_card_of_its_own(demo, client):
    """The demo's pages, with their cards drawn by the worker the session set-up ran."""
    pages = every_live_page()
    seen = {}
    for site_page in pages:
        tags = share_tags(client, site_page.path)
        url = tags["og:image"]
        assert url.startswith("http://localhost/media/social-cards/"), site_page
        assert url not in seen, f"{site_page} shares {seen.get(url)}'s card"
        seen[url] = site_page
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
        assert tags["og:image:alt"].strip()
        assert tags["twitter:image"] == url
        assert tags["twitter:card"] == "summary_large_image"
        data = fetch(client, url)
        assert len(data) < MAX_BYTES, site_page
        picture = Image.open(io.BytesIO(data))
        assert picture.format in {"PNG", "JPEG"}
        assert picture.size == (1200, 630)
    assert len(seen) == len(pages) > 20


# The band above the title, left of any picture, where the card names the page's kind.
KIND_LINE = (0, 0, 741, 140)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/library/the-courage-to-be-kind/", "report"),
        ("/library/the-place-of-kindness-film/", "film"),
        ("/programme/kindness-leadership-network/", "strand"),
        ("/people/ben-thurman/", "person"),
        ("/news/the-courage-to-be-kind-published/", "news"),
    ],
)
def test_the_card_reads_the_pages_title_type_and_the_programme(demo, client, path, kind):
    page = Page.objects.get(url_path=f"/home{path}")
    url, data = card_of(client, path)
    read = words(read_text(data))
    title = words(page.title)
    missing = [word for word in title if word not in read]
    assert not missing, f"OCR read {read}, not {missing}"
    # The kind, small above the title: read on its own, as Tesseract misses a short word
    # beside large type.
    assert words(read_text(data, box=KIND_LINE)) == [kind]
    assert [w for w in read if w in {"kinder", "communities"}][-2:] == ["kinder", "communities"]
    alt = share_tags(client, path)["og:image:alt"]
    assert page.title in alt
    assert alt.lower().startswith(f"{kind}: ")


LONG_TITLE = (
    "Kindness, emotions and human relationships in public policy: what the Carnegie UK "
    "Trust learned from communities, organisations and governments across Scotland, "
    "England, Wales and Northern Ireland between 2016 and 2022, and what comes next zebra"
)


def test_a_long_title_wraps_inside_the_margins(home, client, django_capture_on_commit_callbacks):
    assert len(LONG_TITLE) <= 255  # Wagtail's limit for a title
    page = ContentPageFactory(parent=home, title=LONG_TITLE, slug="a-long-one")
    publish(page, django_capture_on_commit_callbacks)
    _, data = card_of(client, "/a-long-one/")
    left, top, right, bottom = ink_box(data)
    assert left >= MARGIN
    assert top >= MARGIN
    assert right <= 1200 - MARGIN
    assert bottom <= 630 - MARGIN
    read = words(read_text(data))
    # Wrapped, not cut: every word is there, the last one too.
    assert [word for word in words(LONG_TITLE) if word not in read] == []


def test_a_long_title_beside_a_picture_ends_with_an_ellipsis_and_leaves_the_picture_alone(
    library, client, django_capture_on_commit_callbacks
):
    cover = ImageFactory(width=600, height=848)
    page = PublicationPageFactory(parent=library, title=LONG_TITLE, slug="long", image=cover)
    publish(page, django_capture_on_commit_callbacks)
    _, data = card_of(client, "/library/long/")
    left, top, right, bottom = ink_box(data)
    assert left >= MARGIN
    assert top >= MARGIN
    assert right <= 1200 - MARGIN
    assert bottom <= 630 - MARGIN
    # The picture has a box of its own at the right (340 px wide); the text stops 48 px
    # before it, and only the picture is drawn there.
    gap = Image.open(io.BytesIO(data)).convert("RGB").crop((741, 0, 1200 - MARGIN - 340, 630))
    assert all(low == high for low, high in gap.getextrema()), "text runs into the picture's box"
    read = words(read_text(data, box=(0, 0, 741, 630)))
    assert words(LONG_TITLE)[:8] == [word for word in read if word in words(LONG_TITLE)][:8]
    assert "zebra" not in read  # cut: more lines than fit, at the smallest size


def test_a_new_title_draws_a_new_card_and_removes_the_old_one(
    strand_index, client, django_capture_on_commit_callbacks
):
    strand = StrandPageFactory(parent=strand_index, title="Quantifying kindness", slug="q")
    strand = publish(strand, django_capture_on_commit_callbacks)
    old_url, _ = card_of(client, strand.url)
    old_file = SocialCard.objects.get(page=strand).file.name
    assert default_storage.exists(old_file)

    strand = publish(strand, django_capture_on_commit_callbacks, title="Counting kindness")
    new_url, data = card_of(client, strand.url)  # the page cache forgot the old page
    assert new_url != old_url
    assert not default_storage.exists(old_file)
    read = words(read_text(data))
    assert [w for w in read if w in {"counting", "kindness"}][:2] == ["counting", "kindness"]
    assert "quantifying" not in read

    # Publishing again with the same title draws nothing new.
    drawn_at = SocialCard.objects.get(page=strand).drawn_at
    publish(strand, django_capture_on_commit_callbacks)
    assert card_of(client, strand.url)[0] == new_url
    assert SocialCard.objects.get(page=strand).drawn_at == drawn_at


def test_a_new_programme_name_redraws_the_cards(
    strand_index, client, django_capture_on_commit_callbacks
):
    strand = StrandPageFactory(parent=strand_index, title="Quantifying kindness", slug="q")
    strand = publish(strand, django_capture_on_commit_callbacks)
    old_url, _ = card_of(client, strand.url)

    site = strand.get_site()
    site.site_name = "Zebra Crossings"
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    run_document_tasks()
    new_url, data = card_of(client, strand.url)
    assert new_url != old_url
    read = words(read_text(data))
    assert [w for w in read if w in {"zebra", "crossings"}] == ["zebra", "crossings"]
    assert "Zebra Crossings" in share_tags(client, strand.url)["og:image:alt"]


def test_a_page_without_a_card_yet_shares_the_sites_default_picture(demo, client):
    """Before the worker has drawn it (or with no worker running): as before cards."""
    page = Page.objects.get(url_path="/home/about/")
    SocialCard.objects.filter(page=page).delete()
    tags = share_tags(client, "/about/")
    default = SiteSettings.for_site(demo.get_site()).default_share_image
    assert tags["og:image"] == "http://localhost" + default.get_rendition(SHARE_SPEC).url
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"] == default.description


def test_a_film_without_a_card_yet_shares_its_poster(demo, client):
    film = Page.objects.get(url_path="/home/library/the-place-of-kindness-film/")
    SocialCard.objects.filter(page=film).delete()
    tags = share_tags(client, film.url)
    poster = film.specific.image.get_rendition(SHARE_SPEC)
    assert tags["og:image"] == "http://localhost" + poster.url


def test_a_chosen_share_picture_wins_over_the_card(
    strand_index, client, django_capture_on_commit_callbacks
):
    chosen = ImageFactory(title="Tea at the lunch club", width=1200, height=630)
    strand = StrandPageFactory(parent=strand_index, slug="chosen", share_image=chosen)
    strand = publish(strand, django_capture_on_commit_callbacks)
    assert SocialCard.objects.filter(page=strand).exists()
    tags = share_tags(client, strand.url)
    assert "/media/social-cards/" not in tags["og:image"]
    assert tags["og:image:alt"] == chosen.description


def test_an_unpublished_or_private_page_loses_its_card(
    strand_index, client, django_capture_on_commit_callbacks
):
    strand = publish(
        StrandPageFactory(parent=strand_index, slug="s"), django_capture_on_commit_callbacks
    )
    name = SocialCard.objects.get(page=strand).file.name
    with django_capture_on_commit_callbacks(execute=True):
        strand.unpublish()
    run_document_tasks()
    assert not SocialCard.objects.filter(page=strand).exists()
    assert not default_storage.exists(name)

    PageViewRestriction.objects.create(
        page=strand, restriction_type=PageViewRestriction.PASSWORD, password="tea"
    )
    publish(strand, django_capture_on_commit_callbacks)
    assert not SocialCard.objects.filter(page=strand).exists()
