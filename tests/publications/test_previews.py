"""What an approver signs off, previewed from the draft in the admin: the web page, the whole
report (every chapter on one page) and the PDF this draft would print as.

Each preview goes through the admin's own preview URLs, as the preview panel does: the
editor's form is posted to `.../preview/`, then the preview is fetched with `?mode=`.
"""

import datetime
import io

import pytest
from pypdf import PdfReader
from wagtail.documents.models import Document
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from publications.models import GeneratedPdf, PublicationPage
from tests.html import normalise, soup, visible_text
from tests.publications.factories import PublicationPageFactory

LIVE_WORDS = "What the published chapter says."
DRAFT_WORDS = "What the approver must read before it goes out."


def chapter(title, text):
    return {
        "type": "chapter",
        "value": {
            "title": title,
            "slug": "",
            "content": [{"type": "paragraph", "value": f"<p>{text}</p>"}],
        },
    }


@pytest.fixture
def publication(library):
    """A live report in three chapters."""
    return PublicationPageFactory(
        parent=library,
        title="Kindness in public services",
        slug="kindness-in-public-services",
        report=[
            chapter("Introduction", "Why we asked."),
            chapter("Findings", LIVE_WORDS),
            chapter("What next", "More to do."),
        ],
    )


def edit_form(page, report):
    """The edit form as the editor leaves it: `report` is [(title, text)] chapters."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "publication_type": "report",
            "date": page.date.isoformat(),
            "date_precision": "day",
            "authors": inline_formset([]),
            "summary": page.summary,
            "image": "",
            "downloads": inline_formset([]),
            "body": streamfield([]),
            "report": streamfield(
                [
                    (
                        "chapter",
                        {
                            "title": title,
                            "slug": "",
                            "content": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
                        },
                    )
                    for title, text in report
                ]
            ),
            "report_notes": streamfield([]),
        }
    )


DRAFT = [
    ("Introduction", "Why we asked."),
    ("Findings", "The survey's figures, revised."),
    ("Recommendations", DRAFT_WORDS),
]


def preview(client, page, form, mode):
    url = f"/admin/pages/{page.pk}/edit/preview/"
    answer = client.post(url, form)
    assert answer.json() == {"is_valid": True, "is_available": True}
    return client.get(url, {"mode": mode, "in_preview_panel": "true"})


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return normalise(" ".join(page.extract_text() for page in reader.pages))


def test_the_preview_panel_offers_the_page_the_whole_report_and_the_pdf(publication, editor):
    html = soup(editor.get(f"/admin/pages/{publication.pk}/edit/"))
    modes = html.select("select[name=preview_mode] option")
    assert {option["value"]: visible_text(option) for option in modes} == {
        "": "Web page",
        "whole-report": "Whole report",
        "pdf": "PDF",
    }


def test_the_web_page_preview_shows_the_first_chapter_as_readers_will(publication, editor):
    html = soup(preview(editor, publication, edit_form(publication, DRAFT), ""))
    assert [visible_text(h) for h in html.select(".report-body__chapter")] == ["1 Introduction"]


def test_the_whole_report_preview_shows_every_chapter_of_the_draft(publication, editor):
    html = soup(preview(editor, publication, edit_form(publication, DRAFT), "whole-report"))
    assert [visible_text(h) for h in html.select(".report-body__chapter")] == [
        "1 Introduction",
        "2 Findings",
        "3 Recommendations",
    ]
    text = visible_text(html.select_one(".report__main"))
    assert DRAFT_WORDS in text
    assert "The survey's figures, revised." in text
    assert LIVE_WORDS not in text
    # Its contents lead to each chapter on this page, not to the chapters' own addresses.
    links = html.select(".report-contents__link--chapter")
    assert [a["href"] for a in links] == [
        "#chapter-introduction",
        "#chapter-findings",
        "#chapter-recommendations",
    ]
    assert all(html.select_one(a["href"]) for a in links)
    note = html.select_one(".report__preview-note")
    assert "every chapter on this one page" in visible_text(note)


def test_the_whole_report_of_a_report_without_chapters_is_its_page(library, editor):
    page = PublicationPageFactory(
        parent=library, report=[{"type": "paragraph", "value": "<p>All of it.</p>"}]
    )
    form = edit_form(page, [])
    form["report-count"] = "1"
    form.update(
        {
            "report-0-type": "paragraph",
            "report-0-value": rich_text("<p>All of it, revised.</p>"),
            "report-0-deleted": "",
            "report-0-order": "0",
        }
    )
    html = soup(preview(editor, page, form, "whole-report"))
    assert visible_text(html.select_one(".report-body")) == "All of it, revised."
    assert html.select_one(".report__preview-note") is None


def test_the_pdf_preview_is_the_drafts_pdf_made_without_saving_anything(publication, editor):
    documents = Document.objects.count()
    revisions = publication.revisions.count()
    response = preview(editor, publication, edit_form(publication, DRAFT), "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    text = pdf_text(response)
    # The whole draft, every chapter, as printed: the cover, the contents and the text.
    assert "Kindness in public services" in text
    assert "3 Recommendations" in text
    assert DRAFT_WORDS in text
    assert LIVE_WORDS not in text
    # Nothing was stored: no document, no generated PDF, no revision, no new live text.
    assert Document.objects.count() == documents
    assert not GeneratedPdf.objects.filter(page=publication).exists()
    assert publication.revisions.count() == revisions
    live = Page.objects.get(pk=publication.pk).specific
    assert LIVE_WORDS in str(live.report.render_as_block())


def test_an_approver_previews_the_saved_draft_as_its_pdf(publication, approver):
    draft = Page.objects.get(pk=publication.pk).specific
    draft.report = [chapter("Introduction", DRAFT_WORDS)]
    draft.save_revision()
    response = approver.get(f"/admin/pages/{publication.pk}/view_draft/", {"mode": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert DRAFT_WORDS in pdf_text(response)
    assert LIVE_WORDS not in pdf_text(response)


def test_a_new_publication_previews_as_its_pdf_before_it_is_saved(library, editor):
    new = PublicationPage(
        title="A new report", slug="a-new-report", summary="New.", date=datetime.date(2026, 1, 5)
    )
    form = edit_form(new, [("Introduction", DRAFT_WORDS)])
    url = f"/admin/pages/add/publications/publicationpage/{library.pk}/preview/"
    assert editor.post(url, form).json()["is_valid"]
    response = editor.get(url, {"mode": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert DRAFT_WORDS in pdf_text(response)
    assert not PublicationPage.objects.filter(slug="a-new-report").exists()


def test_a_publication_without_report_text_says_no_pdf_is_made(library, editor):
    page = PublicationPageFactory(parent=library, title="Only a download")
    response = preview(editor, page, edit_form(page, []), "pdf")
    html = soup(response)
    assert response["Content-Type"].startswith("text/html")
    assert visible_text(html.h1) == "No PDF is made from this publication"
    assert "no report text" in visible_text(html.main)
