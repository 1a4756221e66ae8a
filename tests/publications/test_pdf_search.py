"""Search finds a publication by the words inside its PDF, and shows them in context.

The PDFs are made here: `make_pdf` writes a real one by hand, pypdf encrypts one, and the
damaged one is a PDF cut short. Uploads go through the admin, as an editor's would.
"""

import io
import logging

import pytest
from django.core.files.base import ContentFile
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader, PdfWriter
from wagtail.documents import get_document_model

from publications.demo import make_pdf
from publications.models import DocumentText, PublicationPage
from tests import admin_uploads
from tests.html import soup, visible_text
from tests.publications.conftest import run_document_tasks
from tests.publications.factories import (
    PdfDocumentFactory,
    PublicationDownloadFactory,
    PublicationPageFactory,
)
from tests.servers import run_worker

Document = get_document_model()

PHRASE = "otters of Lochmaddy harbour"
INSIDE = [
    "Chapter three: the coast.",
    # Text that reads as markup once unescaped: the snippet must show it, not obey it.
    f"We counted the {PHRASE} at dawn, &lt;b&gt;twice&lt;/b&gt; & again.",
    "Nothing else of note.",
]


@pytest.fixture(autouse=True)
def empty_queue(db):
    """What the demo queued when it was loaded (its PDFs to read, its report's PDF to make)
    is dropped, inside the test's transaction: each test sees only the work it queues."""
    DBTaskResult.objects.ready().filter(backend_name="documents").delete()


def pdf_document(lines, title="Full report"):
    return PdfDocumentFactory(
        title=title, file=ContentFile(make_pdf("A report", lines), name="report.pdf")
    )


@pytest.fixture
def publication_with_pdf(library, django_capture_on_commit_callbacks):
    page = PublicationPageFactory(parent=library, title="Notes from the islands")
    with django_capture_on_commit_callbacks(execute=True):
        PublicationDownloadFactory(page=page, document=pdf_document(INSIDE))
    PublicationPageFactory(parent=library, title="Another report", summary="About harbours.")
    return page


def search_results(client, q):
    html = soup(client.get("/search/", {"q": q}))
    return [
        (
            visible_text(li.select_one(".search-result__title")),
            li.select_one(".search-result__snippet"),
        )
        for li in html.select(".search-result")
    ]


def library_cards(client, q):
    html = soup(client.get("/library/", {"q": q}))
    return [
        (visible_text(card.select_one(".card__title")), card.select_one(".search-snippet"))
        for card in html.select(".library-card")
    ]


def test_site_search_finds_a_phrase_only_inside_a_pdf_and_shows_it_in_context(
    publication_with_pdf, client
):
    assert search_results(client, PHRASE) == []  # not read yet: the worker has not run
    run_document_tasks()
    ((title, snippet),) = search_results(client, PHRASE)
    assert title == "Notes from the islands"
    assert [mark.get_text() for mark in snippet.find_all("mark")] == [PHRASE]
    text = visible_text(snippet)
    assert "We counted the otters of Lochmaddy harbour at dawn" in text
    assert "<b>twice</b> & again" in text
    assert snippet.find("b") is None


def test_the_library_search_finds_it_too(publication_with_pdf, client):
    run_document_tasks()
    ((title, snippet),) = library_cards(client, "Lochmaddy")
    assert title == "Notes from the islands"
    assert [mark.get_text() for mark in snippet.find_all("mark")] == ["Lochmaddy"]
    # Without a search the library lists everything with its summary.
    assert len(library_cards(client, "")) == 2


def test_a_library_search_cached_before_the_pdf_was_read_finds_it_after(
    publication_with_pdf, client
):
    assert library_cards(client, "Lochmaddy") == []  # and the page cache keeps this answer
    run_document_tasks()
    assert [title for title, _ in library_cards(client, "Lochmaddy")] == ["Notes from the islands"]


def test_the_library_search_combines_with_the_filters(publication_with_pdf, client):
    run_document_tasks()
    html = soup(client.get("/library/", {"q": "Lochmaddy", "year": "1999"}))
    assert len(html.select(".library-card")) == 1  # a bad year is ignored, the search is not
    html = soup(client.get("/library/", {"q": "Lochmaddy", "type": "case_study"}))
    assert html.select(".library-card") == []


def test_a_snippet_is_bounded_and_cut_at_words(library, client, django_capture_on_commit_callbacks):
    page = PublicationPageFactory(parent=library, title="A long one")
    filler = " ".join(f"word{n}" for n in range(400))
    with django_capture_on_commit_callbacks(execute=True):
        PublicationDownloadFactory(page=page, document=pdf_document([filler, f"{PHRASE} {filler}"]))
    run_document_tasks()
    ((_title, snippet),) = search_results(client, "Lochmaddy")
    text = visible_text(snippet)
    assert len(text) < 300
    assert text.startswith("… ")
    assert text.endswith(" …")
    assert all(
        word.startswith(("word", "…", "otters", "of", "Loch", "harbour")) for word in text.split()
    )


def test_a_title_match_ranks_above_a_match_inside_a_pdf(
    library, client, django_capture_on_commit_callbacks
):
    inside = PublicationPageFactory(parent=library, title="Coastal notes")
    with django_capture_on_commit_callbacks(execute=True):
        PublicationDownloadFactory(page=inside, document=pdf_document(["Machair and dunes."]))
    PublicationPageFactory(parent=library, title="The machair")
    run_document_tasks()
    assert [title for title, _ in search_results(client, "machair")] == [
        "The machair",
        "Coastal notes",
    ]
    assert [title for title, _ in library_cards(client, "machair")] == [
        "The machair",
        "Coastal notes",
    ]


def test_results_cost_the_same_queries_however_many_have_pdfs(
    library, client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    def add_publication():
        page = PublicationPageFactory(parent=library)
        with django_capture_on_commit_callbacks(execute=True):
            PublicationDownloadFactory(page=page, document=pdf_document([PHRASE]))

    add_publication()
    run_document_tasks()
    # Counted at once: the connection keeps its last 9,000 queries only, and the workers'
    # tasks below run more than that, which would empty a slice taken later.
    with django_assert_max_num_queries(60) as measured:
        client.get("/search/", {"q": "Lochmaddy"})
    few = len(measured.captured_queries)
    # Each PDF gives its publication a cover: its card's renditions are made the first
    # time the library shows it, once, and not measured here.
    client.get("/library/", {"q": "Lochmaddy"})
    with django_assert_max_num_queries(60) as measured:
        client.get("/library/", {"q": "Lochmaddy"})
    few_in_library = len(measured.captured_queries)
    for _ in range(5):
        add_publication()
    run_document_tasks()
    with django_assert_max_num_queries(few):
        assert len(search_results(client, "Lochmaddy")) == 6
    client.get("/library/", {"q": "Lochmaddy"})
    with django_assert_max_num_queries(few_in_library):
        assert len(library_cards(client, "Lochmaddy")) == 6


# Uploads through the admin.


def upload(editor, name, content):
    return admin_uploads.upload(editor, "documents", name, content)


def documents_tasks():
    return DBTaskResult.objects.filter(backend_name="documents")


def queued():
    return documents_tasks().filter(status=TaskResultStatus.READY).count()


def test_an_upload_queues_its_reading_once_committed(editor, django_capture_on_commit_callbacks):
    before = queued()
    with django_capture_on_commit_callbacks() as callbacks:
        assert upload(editor, "report.pdf", make_pdf("Report", [PHRASE])).status_code == 302
        assert queued() == before  # nothing is queued inside the transaction
    for callback in callbacks:
        callback()
    assert queued() == before + 1
    run_document_tasks()
    document = Document.objects.get(title="report.pdf")
    assert PHRASE in document.extracted_text.text
    assert document.extracted_text.status == DocumentText.Status.EXTRACTED


def test_saving_the_same_file_again_does_not_read_it_again(
    editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor, "report.pdf", make_pdf("Report", [PHRASE]))
    run_document_tasks()
    document = Document.objects.get(title="report.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "Renamed"
        document.save()
    assert run_document_tasks() == ["already read"]


def test_a_word_upload_is_not_read(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor, "report.docx", b"PK\x03\x04 content")
    assert run_document_tasks() == []
    assert not DocumentText.objects.filter(document__title="report.docx").exists()


def damaged_pdf():
    return make_pdf("Report", [PHRASE])[:180]


def encrypted_pdf():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Report", [PHRASE]))))
    writer.encrypt(user_password="a secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "status", "warning"),
    [
        (damaged_pdf, DocumentText.Status.UNREADABLE, "The PDF could not be read"),
        (encrypted_pdf, DocumentText.Status.ENCRYPTED, "The PDF is encrypted with a password"),
    ],
    ids=["damaged", "encrypted"],
)
def test_a_pdf_that_cannot_be_read_is_still_uploaded_with_a_warning_in_the_log(
    editor, client, caplog, django_capture_on_commit_callbacks, content, status, warning
):
    content = content()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor, "broken.pdf", content)
    assert response.status_code == 302  # saved, as any upload
    document = Document.objects.get(title="broken.pdf")
    with caplog.at_level(logging.WARNING, logger="publications.documents"):
        assert run_document_tasks() == [status]
    (record,) = [r for r in caplog.records if r.name == "publications.documents"]
    assert record.levelno == logging.WARNING
    message = record.getMessage()
    assert f"document {document.pk} “broken.pdf”" in message
    assert warning in message
    assert "\n" not in message
    text = DocumentText.objects.get(document=document)
    assert (text.status, text.text) == (status, "")
    assert text.warning.startswith(warning)
    # The file is still there to download, unchanged.
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    # And the editor can still edit it.
    assert editor.get(f"/admin/documents/edit/{document.pk}/").status_code == 200


def test_a_pdf_locked_only_against_printing_with_aes_is_read(
    editor, django_capture_on_commit_callbacks
):
    """Publishers often lock a report against changes with an owner password and AES, and
    leave it open to read: its text is found like any other's."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Report", [PHRASE]))))
    writer.encrypt(user_password="", owner_password="publisher", algorithm="AES-256")
    locked = io.BytesIO()
    writer.write(locked)
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor, "locked.pdf", locked.getvalue())
    assert run_document_tasks() == [DocumentText.Status.EXTRACTED]
    assert PHRASE in Document.objects.get(title="locked.pdf").extracted_text.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_real_worker_reads_an_upload_and_search_finds_it(editor, client):
    """As `make run` and production run it: `db_worker --backend documents`."""
    assert upload(editor, "island-report.pdf", make_pdf("Report", INSIDE)).status_code == 302
    document = Document.objects.get(title="island-report.pdf")
    publication = PublicationPage.objects.get(slug="the-place-of-kindness")
    PublicationDownloadFactory(page=publication, document=document, title="Appendix")
    assert search_results(client, PHRASE) == []
    run_worker("documents")
    assert not documents_tasks().filter(status=TaskResultStatus.FAILED).exists()
    ((title, snippet),) = search_results(client, PHRASE)
    assert title == publication.title
    assert "Lochmaddy" in visible_text(snippet)
