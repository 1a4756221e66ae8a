"""Editors create publications, films and the library in the Wagtail admin; approvers publish
them."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from publications.models import PublicationPage
from tests.html import soup, visible_text
from tests.publications.factories import (
    FilmPageFactory,
    PdfDocumentFactory,
    PublicationPageFactory,
)


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


def test_an_approver_publishes_a_publication_with_authors_and_a_download(
    library, strand, ben, approver, client
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
            "summary": "Medics reflect on kindness.",
            "image": "",
            "downloads": inline_formset([{"title": "Full report", "document": document.pk}]),
            "body": streamfield([("paragraph", rich_text("<p>What the medics found.</p>"))]),
            "report": streamfield([]),
            "report_notes": streamfield([]),
            "action-publish": "publish",
        }
    )
    data["strands"] = [strand.pk]
    response = approver.post(f"/admin/pages/add/publications/publicationpage/{library.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = PublicationPage.objects.get(slug="the-courage-to-be-kind")
    assert page.live
    html = soup(client.get(page.url))
    assert "Ben Thurman" in visible_text(html.select_one(".facts"))
    assert "Julie Brownlie" in visible_text(html.select_one(".facts"))
    assert visible_text(html.select_one(".downloads a")).startswith("Full report")
    assert "What the medics found." in visible_text(html.main)
    assert [s.pk for s in page.strands.all()] == [strand.pk]


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
            "downloads": inline_formset([]),
            "body": streamfield([]),
            "report": streamfield([]),
            "report_notes": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = editor.post(f"/admin/pages/add/publications/publicationpage/{library.pk}/", data)
    assert response.status_code == 200
    assert "not both" in response.content.decode()
    assert not PublicationPage.objects.filter(slug="both").exists()


@pytest.mark.parametrize(("filename", "kind"), [("film.mp4", "MP4"), ("film.VTT", "VTT")])
def test_admin_refuses_a_film_file_as_a_publication_download(library, editor, filename, kind):
    film_file = Document.objects.create(
        title="Kindness on film", file=ContentFile(b"not a report", name=filename)
    )
    report = PdfDocumentFactory()
    data = nested_form_data(
        {
            "title": "Film as a download",
            "slug": "film-as-a-download",
            "publication_type": "report",
            "date": "2020-12-08",
            "date_precision": "day",
            "authors": inline_formset([{"person": "", "name": "Julie Brownlie"}]),
            "summary": "A report whose download is a film.",
            "image": "",
            "downloads": inline_formset(
                [
                    {"title": "Full report", "document": report.pk},
                    {"title": "The film", "document": film_file.pk},
                ]
            ),
            "body": streamfield([]),
            "report": streamfield([]),
            "report_notes": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = editor.post(f"/admin/pages/add/publications/publicationpage/{library.pk}/", data)
    assert response.status_code == 200
    errors = [visible_text(error) for error in soup(response).select(".error-message")]
    assert any(
        f"“Kindness on film” is a {kind} file, a film's video or captions, not a publication's "
        "download."
        in error
        and "put the film on a film page" in error
        for error in errors
    ), errors
    assert not PublicationPage.objects.filter(slug="film-as-a-download").exists()


def test_editor_previews_a_publication_and_a_film_before_saving(library, strand, ben, editor):
    publication = PublicationPageFactory(parent=library, title="Draft report")
    film = FilmPageFactory(parent=library, title="Draft film")
    publication_data = nested_form_data(
        {
            "title": "Previewed report",
            "slug": publication.slug,
            "publication_type": "report",
            "date": "2020-12-08",
            "date_precision": "day",
            "authors": inline_formset([{"person": ben.pk, "name": ""}]),
            "summary": "Medics reflect on kindness.",
            "image": "",
            "downloads": inline_formset([]),
            "body": streamfield([]),
            "report": streamfield([]),
            "report_notes": streamfield([]),
        }
    )
    film_data = nested_form_data(
        {
            "title": "Previewed film",
            "slug": film.slug,
            "date": "2019-06-01",
            "date_precision": "month",
            "summary": "A film.",
            "image": "",
            "video_url": "https://vimeo.com/76979871",
            "video_file": "",
            "captions": "",
            "duration": "4:30",
            "publication": publication.pk,
            "transcript": rich_text("<p>Words.</p>"),
        }
    )
    # A multiple choice is posted as repeated values, not as a nested form.
    publication_data["strands"] = film_data["strands"] = [strand.pk]
    for page, data, title in (
        (publication, publication_data, "Previewed report"),
        (film, film_data, "Previewed film"),
    ):
        url = f"/admin/pages/{page.pk}/edit/preview/"
        response = editor.post(url, data)
        assert response.json()["is_valid"], response.json()
        preview = editor.get(url)
        assert preview.status_code == 200
        html = soup(preview)
        assert visible_text(html.h1) == title
        assert strand.title in visible_text(html.select_one(".facts"))
