"""Editors can edit every programme page in the Wagtail admin; approvers publish them."""

import pytest
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from programme.models import ContentPage, StrandPage
from tests.html import soup, visible_text
from tests.kindness.factories import ImageFactory
from tests.programme.factories import StrandIndexPageFactory, StrandPageFactory


@pytest.fixture
def index(home):
    return StrandIndexPageFactory(parent=home)


def test_edit_forms_open_with_their_tabs(home, index, editor):
    strand = StrandPageFactory(parent=index)
    for page in (home, index, strand):
        response = editor.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
    tabs = [visible_text(tab).split(" (")[0] for tab in soup(response).select('[role="tab"]')]
    assert tabs[:3] == ["Content", "Details", "Promote"]


def test_an_approver_publishes_a_strand_from_the_admin(index, approver, client):
    data = nested_form_data(
        {
            "title": "Kindness in schools",
            "slug": "kindness-in-schools",
            "summary": "Pupils and teachers exploring kindness.",
            "body": streamfield([("paragraph", rich_text("<p>Teachers lead the work.</p>"))]),
            "start_year": "2024",
            "end_year": "",
            "status": "current",
            "partners": inline_formset([{"name": "A local school", "url": ""}]),
            "strand_people": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = approver.post(f"/admin/pages/add/programme/strandpage/{index.pk}/", data)
    assert response.status_code == 302, response.content[:2000]
    strand = StrandPage.objects.get(slug="kindness-in-schools")
    assert strand.live
    page = soup(client.get(strand.url))
    assert visible_text(page.h1) == "Kindness in schools"
    assert "A local school" in visible_text(page.main)
    assert "Teachers lead the work." in visible_text(page.main)


def test_admin_refuses_an_end_year_before_the_start(index, editor):
    data = nested_form_data(
        {
            "title": "Backwards",
            "slug": "backwards",
            "summary": "Dates the wrong way round.",
            "body": streamfield([]),
            "start_year": "2020",
            "end_year": "2019",
            "status": "completed",
            "partners": inline_formset([]),
            "strand_people": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = editor.post(f"/admin/pages/add/programme/strandpage/{index.pk}/", data)
    assert response.status_code == 200
    assert "cannot be before the start year" in response.content.decode()
    assert not StrandPage.objects.filter(slug="backwards").exists()


def test_the_add_page_chooser_says_what_a_content_page_is_for(home, editor):
    chooser = visible_text(soup(editor.get(f"/admin/pages/{home.pk}/add_subpage/")))
    assert "Content page" in chooser
    assert ContentPage.page_description in chooser


def test_an_approver_publishes_a_content_page_and_links_it_from_the_footer(home, approver, client):
    data = nested_form_data(
        {
            "title": "Accessibility statement",
            "slug": "accessibility",
            "introduction": "How accessible the site is.",
            "body": streamfield([("paragraph", rich_text("<p>We test every page.</p>"))]),
            "show_in_footer": "on",
            "action-publish": "publish",
        }
    )
    response = approver.post(f"/admin/pages/add/programme/contentpage/{home.pk}/", data)
    assert response.status_code == 302, response.content[:2000]
    page = ContentPage.objects.get(slug="accessibility")
    assert page.live
    assert page.show_in_footer
    html = soup(client.get("/"))
    footer_links = [(visible_text(a), a["href"]) for a in html.select("footer nav a")]
    assert footer_links == [("Accessibility statement", "/accessibility/")]
    assert "We test every page." in visible_text(soup(client.get(page.url)).main)


def strand_with_a_picture(picture):
    return nested_form_data(
        {
            "title": "Kindness in gardens",
            "slug": "kindness-in-gardens",
            "summary": "Neighbours growing food together.",
            "body": streamfield([("image", {"image": picture, "caption": "June"})]),
            "start_year": "2024",
            "end_year": "",
            "status": "current",
            "partners": inline_formset([]),
            "strand_people": inline_formset([]),
            "action-publish": "publish",
        }
    )


@pytest.mark.parametrize(
    ("alt_text", "message"),
    [
        ("", "Please add some alt text for your image or mark it as decorative"),
        # The admin draws block errors from JSON, where the apostrophe is escaped.
        ("IMG_0042.jpg", "Describe what the image shows; a file name or the image"),
    ],
)
def test_admin_refuses_to_publish_a_body_picture_without_alt_text(
    index, approver, alt_text, message
):
    image = ImageFactory(title="Garden")
    picture = {"image": image.pk, "alt_text": alt_text}
    response = approver.post(
        f"/admin/pages/add/programme/strandpage/{index.pk}/", strand_with_a_picture(picture)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StrandPage.objects.filter(slug="kindness-in-gardens").exists()


def test_a_body_picture_is_shown_with_its_alt_text_or_as_decorative(index, approver, client):
    image = ImageFactory(title="Garden", description="Raised beds behind the hall")
    picture = {"image": image.pk, "alt_text": "Neighbours planting beans in raised beds"}
    response = approver.post(
        f"/admin/pages/add/programme/strandpage/{index.pk}/", strand_with_a_picture(picture)
    )
    assert response.status_code == 302, response.content[:2000]
    strand = StrandPage.objects.get(slug="kindness-in-gardens")
    figure = soup(client.get(strand.url)).select_one("main figure")
    assert figure.img["alt"] == "Neighbours planting beans in raised beds"
    assert visible_text(figure.figcaption) == "June"

    decorative = {"image": image.pk, "alt_text": "", "decorative": "on"}
    data = strand_with_a_picture(decorative)
    response = approver.post(f"/admin/pages/{strand.pk}/edit/", data)
    assert response.status_code == 302, response.content[:2000]
    figure = soup(client.get(strand.url)).select_one("main figure")
    assert figure.img["alt"] == ""
