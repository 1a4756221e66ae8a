"""A publication's health, where editors look: in its edit view, the state of the PDF made
from its report (queued, made from the current text, out of date, failed and why) and of
each uploaded PDF (its text read for search; untagged, untitled, no language), and the same
problems for every publication under Reports > Publication health."""

import pytest
from django.core.files.base import ContentFile
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.documents.models import Document

from publications import pdf
from publications.demo import make_pdf
from publications.models import PublicationPage
from tests.html import soup, visible_text
from tests.publications.conftest import run_document_tasks
from tests.publications.factories import PublicationDownloadFactory, PublicationPageFactory

REPORT = [{"type": "paragraph", "value": "<p>Nine in ten agree.</p>"}]


@pytest.fixture
def empty_queue(db):
    """The demo's documents work, queued or done, is dropped: the test sees only its own."""
    DBTaskResult.objects.filter(backend_name="documents").delete()


def health(client, page):
    """The health panel's items in the publication's edit view, as (text, warned)."""
    html = soup(client.get(f"/admin/pages/{page.pk}/edit/"))
    return [
        (visible_text(item), "help-warning" in item["class"])
        for item in html.select(".publication-health > li")
    ]


def generated_pdf_line(client, page):
    return health(client, page)[0]


def publish(page, django_capture_on_commit_callbacks, **changes):
    page = PublicationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return PublicationPage.objects.get(pk=page.pk)


@pytest.fixture
def published(library, empty_queue, django_capture_on_commit_callbacks):
    """A publication with report text, just published: its PDF is queued."""
    page = PublicationPageFactory(parent=library, title="Kindness at the library", live=False)
    return publish(page, django_capture_on_commit_callbacks, report=REPORT)


def pdf_document(title, data):
    document = Document(title=title, file_size=len(data))
    document.file.save("upload.pdf", ContentFile(data))
    return document


def tagged_pdf():
    """A PDF as it should be: tagged, titled, in British English (WeasyPrint's PDF/UA)."""
    html = '<html lang="en-GB"><head><title>Summary</title></head><body><h1>Summary</h1></body>'
    return pdf.render_pdf(f"{html}</html>")


def test_a_publication_without_report_text_makes_no_pdf(library, editor):
    page = PublicationPageFactory(parent=library)
    assert generated_pdf_line(editor, page) == (
        "The report as a PDF: None is made: the publication has no report text.",
        False,
    )


def test_a_draft_with_report_text_is_made_when_published(library, editor):
    page = PublicationPageFactory(parent=library, live=False, report=REPORT)
    text, warned = generated_pdf_line(editor, page)
    assert "Made from the report text when the page is published." in text
    assert not warned


def test_a_published_reports_pdf_is_queued_then_being_made(published, editor):
    text, warned = generated_pdf_line(editor, published)
    assert "Queued at" in text
    assert "the worker has not made it yet" in text
    task = DBTaskResult.objects.get(task_path="publications.tasks.generate_publication_pdf")
    task.claim("worker-1")
    text, warned = generated_pdf_line(editor, published)
    assert "Being made now" in text


def test_a_made_pdf_says_when_it_was_made_from_the_current_text(published, editor):
    run_document_tasks()
    text, warned = generated_pdf_line(editor, published)
    assert text.startswith("The report as a PDF: Made at ")
    assert text.endswith("from the current text.")
    assert not warned


def test_a_pdf_made_from_earlier_text_is_out_of_date(published, editor):
    run_document_tasks()
    # The live text changed without a publish that queues a new PDF (as when the worker
    # was stopped and its queue lost).
    PublicationPage.objects.filter(pk=published.pk).update(
        report=[{"type": "paragraph", "value": "<p>Newer words.</p>"}]
    )
    text, warned = generated_pdf_line(editor, published)
    assert "from earlier text: publish the page to make it again." in text
    assert warned


def test_a_failed_pdf_says_why(published, editor):
    task = DBTaskResult.objects.get(task_path="publications.tasks.generate_publication_pdf")
    task.claim("worker-1")
    try:
        raise OSError("cannot load library 'libpango-1.0-0'")
    except OSError as error:
        task.set_failed(error)
    assert task.status == TaskResultStatus.FAILED
    text, warned = generated_pdf_line(editor, published)
    assert "Making it failed at" in text
    assert "OSError: cannot load library 'libpango-1.0-0'" in text
    assert "Publish the page again to try again" in text
    assert warned


def test_an_untagged_upload_without_title_or_language_is_warned_about(
    library, empty_queue, editor, django_capture_on_commit_callbacks
):
    page = PublicationPageFactory(parent=library)
    with django_capture_on_commit_callbacks(execute=True):
        document = pdf_document("Full report", make_pdf("Full report", ["Page one."]))
    PublicationDownloadFactory(page=page, title="Full report", document=document)
    text, warned = health(editor, page)[1]
    assert text.startswith("Full report (Full report): Its text is queued to be read for search.")
    run_document_tasks()
    text, warned = health(editor, page)[1]
    assert "Its text was read for search at" in text
    assert "It is untagged: screen readers cannot tell its headings" in text
    assert "It has no title" in text
    assert "It has no language" in text
    assert warned


def test_a_tagged_titled_upload_in_a_language_is_in_order(
    library, empty_queue, editor, django_capture_on_commit_callbacks
):
    page = PublicationPageFactory(parent=library)
    with django_capture_on_commit_callbacks(execute=True):
        document = pdf_document("Summary", tagged_pdf())
    PublicationDownloadFactory(page=page, title="Summary", document=document)
    run_document_tasks()
    text, warned = health(editor, page)[1]
    assert text.startswith("Summary (Summary): Its text was read for search at")
    assert "untagged" not in text
    assert "no title" not in text
    assert "no language" not in text
    assert not warned


def test_an_unreadable_upload_says_search_cannot_find_its_text(
    library, empty_queue, editor, django_capture_on_commit_callbacks
):
    page = PublicationPageFactory(parent=library)
    with django_capture_on_commit_callbacks(execute=True):
        document = pdf_document("Broken", b"%PDF-1.4\nnot really a PDF")
    PublicationDownloadFactory(page=page, title="Broken report", document=document)
    run_document_tasks()
    text, warned = health(editor, page)[1]
    assert "Search cannot find its text: The PDF could not be read" in text
    assert warned


def test_the_report_lists_only_the_publications_that_need_an_editor(
    library, empty_queue, editor, django_capture_on_commit_callbacks
):
    fine = PublicationPageFactory(parent=library, title="All in order")
    with django_capture_on_commit_callbacks(execute=True):
        good = pdf_document("Summary", tagged_pdf())
        bad = pdf_document("Full report", make_pdf("Full report", ["Page one."]))
    PublicationDownloadFactory(page=fine, title="Summary", document=good)
    unwell = PublicationPageFactory(parent=library, title="Needs tags")
    PublicationDownloadFactory(page=unwell, title="Full report", document=bad)
    run_document_tasks()

    # Under Reports in the admin's menu (the JSON the sidebar is drawn from).
    menu = soup(editor.get("/admin/")).select_one("#wagtail-sidebar-props").string
    assert '"Publication health"' in menu
    assert '"/admin/reports/publication-health/"' in menu
    html = soup(editor.get("/admin/reports/publication-health/"))
    listed = [visible_text(h) for h in html.select(".publication-health__page h2")]
    assert "Needs tags" in listed
    assert "All in order" not in listed
    section = html.select(".publication-health__page")[listed.index("Needs tags")]
    assert section.h2.a["href"] == f"/admin/pages/{unwell.pk}/edit/"
    assert "It is untagged" in visible_text(section)
