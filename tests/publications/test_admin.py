"""Editors create publications, films and the library in the Wagtail admin."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from publications.models import PublicationPage
from tests.html import soup, visible_text
from tests.publications.factories import PdfDocumentFactory


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def test_add_forms_open_for_every_page_type(home, library, editor):
    for model in ("publicationpage", "filmpage"):
        response = editor.get(f"/admin/pages/add/publications/{model}/{library.pk}/")
        assert response.status_code == 200, model
    response = editor.get(f"/admin/pages/{library.pk}/edit/")
    assert response.status_code == 200
    # The shared parent is never offered on its own, and there is only one library.
    for model, parent in (("libraryitempage", library), ("publicationindexpage", home)):
        response = editor.get(f"/admin/pages/add/publications/{model}/{parent.pk}/")
        assert response.status_code == 302, model
        assert response["Location"] == "/admin/"


def test_editor_publishes_a_publication_with_authors_and_a_download(
    library, strand, ben, editor, client
):
    document = PdfDocumentFactory()
    data = nested_form_data(
        {
            "title": "The courage to be kind",
            "slug": "the-courage-to-be-kind",
            "publication_type": "report",
            "date": "2020-12-08",
            "date_precision": "day",
            "authors": inline_formset(
                [{"person": ben.pk, "name": ""}, {"person": "", "name": "Julie Brownlie"}]
            ),
            "strands": [strand.pk],
            "summary": "Medics reflect on kindness.",
            "image": "",
            "image_alt_text": "",
            "downloads": inline_formset([{"title": "Full report", "document": document.pk}]),
            "body": streamfield([("paragraph", rich_text("<p>What the medics found.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = editor.post(f"/admin/pages/add/publications/publicationpage/{library.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = PublicationPage.objects.get(slug="the-courage-to-be-kind")
    assert page.live
    html = soup(client.get(page.url))
    assert "Ben Thurman" in visible_text(html.select_one(".facts"))
    assert "Julie Brownlie" in visible_text(html.select_one(".facts"))
    assert visible_text(html.select_one(".downloads a")).startswith("Full report")
    assert "What the medics found." in visible_text(html.main)


def test_admin_refuses_an_author_with_both_a_person_and_a_name(library, ben, editor):
    data = nested_form_data(
        {
            "title": "Both",
            "slug": "both",
            "publication_type": "report",
            "date": "2020-12-08",
            "date_precision": "day",
            "authors": inline_formset([{"person": ben.pk, "name": "Ben Thurman"}]),
            "summary": "Two kinds of author at once.",
            "image": "",
            "image_alt_text": "",
            "downloads": inline_formset([]),
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = editor.post(f"/admin/pages/add/publications/publicationpage/{library.pk}/", data)
    assert response.status_code == 200
    assert "not both" in response.content.decode()
    assert not PublicationPage.objects.filter(slug="both").exists()
