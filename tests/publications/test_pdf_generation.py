"""Publishing a report written as a web page makes its PDF: tagged, titled, in British
English, with the report's headings as its structure; offered first among the downloads,
replaced when the report changes, and never in place of an editor's own upload."""

import http.server
import io
import threading

import pytest
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.models import Page

from publications import pdf
from publications.models import DocumentText, GeneratedPdf, PublicationDownload, PublicationPage
from tests.charts.chart_examples import ONE_SERIES, chart
from tests.html import soup, visible_text
from tests.publications.conftest import run_document_tasks
from tests.publications.factories import (
    PublicationAuthorFactory,
    PublicationDownloadFactory,
    PublicationPageFactory,
)

Document = get_document_model()

TITLE = "Kindness at the library"
UPLOAD_TITLE = "Summary"
# The task whose answers these tests read: publishing also queues a cover and a social card.
GENERATE = "generate_publication_pdf"


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level, "anchor": ""}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def note(label, text):
    return {"type": "note", "value": {"label": label, "text": text}}


REPORT = [
    heading("What people told us"),
    paragraph("<p>Nine in ten agree they are treated with kindness.[^survey]</p>"),
    heading("In every jurisdiction", "h3"),
    paragraph('<p>See <a href="https://www.example.org/survey">the survey</a>.</p>'),
    heading("What comes next"),
    paragraph("<p>More questions for the next survey.</p>"),
]


@pytest.fixture
def empty_queue(db):
    """What the demo queued when it was loaded (its PDFs to read, its report's PDF to make)
    is dropped, inside the test's transaction: the test sees only the work it queues."""
    DBTaskResult.objects.ready().filter(backend_name="documents").delete()


@pytest.fixture
def report(library, empty_queue, django_capture_on_commit_callbacks):
    """A publication with a report and an editor's own PDF, published by the editor: the
    PDF made from the report is queued."""
    page = PublicationPageFactory(
        parent=library,
        title=TITLE,
        report=REPORT,
        report_notes=[note("survey", "<p>Carnegie UK Trust, 2018 survey.</p>")],
    )
    PublicationAuthorFactory(page=page, name="Jennifer Wallace")
    PublicationDownloadFactory(
        page=page, title=UPLOAD_TITLE, sort_order=0, document__title="The editor's own PDF"
    )
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def publish(page, django_capture_on_commit_callbacks, **changes):
    """Publish a new revision the way the admin does, from the latest revision."""
    page = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def generated(page):
    return GeneratedPdf.objects.get(page=page).document


def read(document):
    with document.open_file() as handle:
        return PdfReader(io.BytesIO(handle.read()))


def pdf_text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def outline_titles(outline):
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles.append(outline_titles(item))
        else:
            titles.append(item.title)
    return titles


def test_the_pdf_has_the_reports_title_headings_language_and_tags(report):
    assert run_document_tasks(only=GENERATE)[0] == "generated"
    reader = read(generated(report))
    text = pdf_text(reader)
    assert TITLE in text
    assert "Jennifer Wallace" in text
    for words in ("1 What people told us", "1.1 In every jurisdiction", "2 What comes next"):
        assert words in " ".join(text.split())
    assert "Carnegie UK Trust, 2018 survey." in text  # the footnote
    # A printed link says where it goes.
    assert "https://www.example.org/survey" in text
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == TITLE
    assert reader.metadata.author == "Jennifer Wallace"
    # Tagged: a structure tree, marked content, and the headings as bookmarks.
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert outline_titles(reader.outline) == [
        TITLE,
        [
            "Contents",
            "1 What people told us",
            ["1.1 In every jurisdiction"],
            "2 What comes next",
            "Notes",
        ],
    ]
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=1)  # A4
    assert reader.pages[0].mediabox.height == pytest.approx(842, abs=1)


def test_the_pdf_is_offered_first_among_the_downloads_and_opens(report, client):
    run_document_tasks()
    html = soup(client.get(report.url))
    links = html.select(".downloads__link")
    assert [visible_text(link).split(" (")[0] for link in links] == [
        pdf.DOWNLOAD_TITLE,
        UPLOAD_TITLE,
    ]
    response = client.get(links[0]["href"], follow=True)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    assert TITLE in pdf_text(PdfReader(io.BytesIO(body)))
    document = generated(report)
    assert document.collection.name == pdf.COLLECTION_NAME


def test_the_generated_pdf_is_read_for_search_too(report, client):
    run_document_tasks()
    text = DocumentText.objects.get(document=generated(report))
    assert text.status == DocumentText.Status.EXTRACTED
    assert "What comes next" in text.text


def test_republishing_replaces_the_generated_pdf_and_keeps_the_editors_upload(
    report, django_capture_on_commit_callbacks
):
    run_document_tasks()
    first = generated(report)
    upload = report.downloads.get(title=UPLOAD_TITLE).document
    editors_list = [row for row in report.downloads.all() if row.document_id != first.pk]
    page = publish(
        report,
        django_capture_on_commit_callbacks,
        report=[*REPORT, heading("New")],
        downloads=editors_list,  # the editor took the generated PDF out of the list
    )
    # Offered again at once, before the new one is made.
    assert PublicationDownload.objects.filter(page=page, document=first).exists()
    assert "generated" in run_document_tasks()
    second = generated(page)
    assert second.pk != first.pk
    assert "3 New" in " ".join(pdf_text(read(second)).split())
    assert not Document.objects.filter(pk=first.pk).exists()
    assert list(
        PublicationDownload.objects.filter(page=page).values_list("document_id", flat=True)
    ) == [second.pk, upload.pk]


def test_republishing_the_same_report_makes_no_new_pdf_and_no_loop(
    report, django_capture_on_commit_callbacks
):
    run_document_tasks()
    first = generated(report)
    revisions = report.revisions.count()
    publish(report, django_capture_on_commit_callbacks)
    assert run_document_tasks(only=GENERATE) == ["unchanged"]
    assert generated(report).pk == first.pk
    assert report.revisions.count() == revisions + 1  # the task itself published nothing
    assert PublicationDownload.objects.filter(page=report, document=first).count() == 1


def test_a_report_taken_away_takes_its_pdf_with_it(report, django_capture_on_commit_callbacks):
    run_document_tasks()
    first = generated(report)
    publish(report, django_capture_on_commit_callbacks, report=[], report_notes=[])
    assert run_document_tasks(only=GENERATE) == ["removed: the report's text is gone"]
    assert not Document.objects.filter(pk=first.pk).exists()
    assert [download.title for download in report.downloads.all()] == [UPLOAD_TITLE]


def test_deleting_the_publication_deletes_its_generated_pdf(report):
    run_document_tasks()
    document = generated(report)
    Page.objects.get(pk=report.pk).delete()
    assert not Document.objects.filter(pk=document.pk).exists()


def test_a_publication_that_is_only_an_uploaded_pdf_keeps_it(
    library, empty_queue, client, django_capture_on_commit_callbacks
):
    page = PublicationPageFactory(parent=library, title="Only a PDF")
    download = PublicationDownloadFactory(page=page)
    publish(page, django_capture_on_commit_callbacks, summary="Published again.")
    assert run_document_tasks(only=GENERATE) == []
    assert not GeneratedPdf.objects.exists()
    assert list(page.downloads.all()) == [download]
    (link,) = soup(client.get(page.url)).select(".downloads__link")
    response = client.get(link["href"], follow=True)
    with download.document.open_file() as handle:
        assert b"".join(response.streaming_content) == handle.read()


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):
        RecordingHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def other_host():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RecordingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    RecordingHandler.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_rendering_uses_the_sites_own_files_and_fetches_nothing_else(other_host, caplog):
    html = (
        '<html lang="en-GB"><head><title>T</title>'
        f'<link rel="stylesheet" href="{other_host}/style.css"></head><body>'
        '<img src="/static/icons/icon-192.png" alt="The site\'s icon">'
        f'<img src="{other_host}/tracker.png" alt="">'
        "</body></html>"
    )
    reader = PdfReader(io.BytesIO(pdf.render_pdf(html)))
    assert RecordingHandler.requests == []
    # The site's own icon is in; the other host's stylesheet and image never were asked for.
    assert [image for page in reader.pages for image in page.images]


def test_the_demo_reports_pdf_is_made_from_its_html_and_downloads(demo, client):
    """The demo loader publishes "Quantifying kindness…" with its report; the PDF that
    publishing queued is made by the worker (the session's set-up runs it after loading the
    demo, as `make run` does), offered first, and opens."""
    page = PublicationPage.objects.get(slug="quantifying-kindness-public-engagement-and-place")
    assert page.report
    run_document_tasks()  # anything still queued; the set-up's worker made the PDF
    assert GeneratedPdf.objects.get(page=page).document is not None
    html = soup(client.get(page.url))
    first = html.select(".downloads__link")[0]
    assert visible_text(first).startswith(pdf.DOWNLOAD_TITLE)
    response = client.get(first["href"], follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.title == page.title
    text = " ".join(pdf_text(reader).split())
    assert page.title in text
    for child in page.report:
        if child.block_type == "heading":
            assert child.value["text"] in text


def link_targets(reader):
    """The address each link in the PDF opens, in order."""
    return [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    ]


def test_the_pdfs_links_open_the_site_not_an_address_of_its_own(library, empty_queue):
    """A reader clicking a link in the PDF (to a page of the site, to a chart's data) lands
    on the site, as from the web page; a link to another site is left as it is."""
    page = PublicationPageFactory(
        parent=library,
        title=TITLE,
        report=[
            heading("What people told us"),
            paragraph(
                f'<p>Every report is in <a linktype="page" id="{library.pk}">the library</a>; '
                'the survey is <a href="https://www.example.org/survey">here</a>.</p>'
            ),
            {"type": "chart", "value": chart(ONE_SERIES, "grouped", "People by year")},
        ],
    )
    root = pdf.site_url(page)
    assert root == "http://localhost/"
    reader = PdfReader(io.BytesIO(pdf.render_pdf(pdf.printable_html(page), root)))

    targets = link_targets(reader)
    assert f"{root}library/" in targets
    assert "https://www.example.org/survey" in targets
    assert [t for t in targets if t.startswith(f"{root}charts/{page.pk}/") and t.endswith(".csv")]
    assert all(t.startswith((root, "https://www.example.org/")) for t in targets), targets
