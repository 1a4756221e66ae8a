"""Editors reach the sharing fields: the promote tab and the site settings."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from kindness.models import SiteSettings
from tests.html import soup, visible_text
from tests.kindness.factories import ImageFactory
from tests.people.factories import PeopleIndexPageFactory, PersonPageFactory
from tests.programme.factories import (
    ContentPageFactory,
    StrandIndexPageFactory,
    StrandPageFactory,
)
from tests.publications.factories import FilmPageFactory, PublicationPageFactory


def test_the_promote_tab_offers_one_title_one_description_and_a_share_image(
    home, library, editor, client
):
    strand_index = StrandIndexPageFactory(parent=home)
    people = PeopleIndexPageFactory(parent=home)
    pages = [
        home,
        strand_index,
        StrandPageFactory(parent=strand_index),
        ContentPageFactory(parent=home),
        people,
        PersonPageFactory(parent=people),
        library,
        PublicationPageFactory(parent=library),
        FilmPageFactory(parent=library),
    ]
    for page in pages:
        html = soup(client.get(f"/admin/pages/{page.pk}/edit/"))
        for field in ("seo_title", "search_description", "share_image"):
            assert html.find(attrs={"name": field}), (page, field)
        for gone in ("share_title", "share_description", "share_image_alt_text"):
            assert not html.find(attrs={"name": gone}), (page, gone)
        # Editors are told the one title and description serve sharing too.
        text = visible_text(html)
        assert "The title search engines and social networks show" in text, page
        assert "Leave empty to use the page's own summary or introduction." in text, page


def test_site_settings_offer_social_and_sharing_fields(home, approver, client):
    site = Site.objects.get(is_default_site=True)
    response = client.get(f"/admin/settings/kindness/sitesettings/{site.pk}/")
    html = soup(response)
    for field in (
        "organisation_name",
        "facebook_url",
        "default_share_image",
        "default_share_description",
        "footer_text",
    ):
        assert html.find(attrs={"name": field}), field
    # The stream field is drawn by the admin's JavaScript from this field's data.
    assert b"social_profiles" in response.content
    assert b"Social profile" in response.content


def test_approvers_manage_redirects_and_search_promotions(approver, client):
    assert client.get("/admin/redirects/").status_code == 200
    assert client.get("/admin/searchpicks/").status_code == 200


def test_a_share_picture_needs_a_description(home):
    strand = StrandPageFactory(parent=StrandIndexPageFactory(parent=home))
    strand.share_image = ImageFactory(description="")
    with pytest.raises(ValidationError) as error:
        strand.full_clean()
    assert "is empty" in error.value.message_dict["share_image"][0]
    strand.share_image.description = "Volunteers at a lunch club"
    strand.full_clean()


def test_the_default_share_picture_needs_a_description(home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.default_share_image = ImageFactory(description="share-card.png")
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "file name" in error.value.message_dict["default_share_image"][0]
