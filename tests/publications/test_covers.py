"""A publication without a cover of its own gets one from its PDF's first page, made by the
documents worker: shown on its page, on library cards and on its social card. A PDF that
cannot be drawn (encrypted, damaged) makes none and says so in the publication's health,
never an error page; an editor's own cover is never replaced."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image
from pypdf import PdfReader, PdfWriter
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from publications.demo import make_pdf
from publications.models import PdfCover, PublicationPage
from tests import admin_uploads
from tests.html import soup, visible_text
from tests.kindness.factories import ImageFactory
from tests.ocr import read_text, words
from tests.publications.conftest import run_document_tasks
from tests.publications.factories import (
    PdfDocumentFactory,
    PublicationDownloadFactory,
    PublicationPageFactory,
)
from tests.servers import run_worker

Document = get_document_model()
Image_ = get_image_model()

REPORT_TITLE = "Lochmaddy harbour survey"


def a_pdf():
    return make_pdf(REPORT_TITLE, ["What the islanders told us about kindness."])


def encrypted_pdf():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(a_pdf())))
    writer.encrypt(user_password="a secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def damaged_pdf():
    return a_pdf()[:180]


@pytest.fixture
def empty_queue(db):
    """The demo's documents work is dropped: each test sees only the work it queues."""
    DBTaskResult.objects.filter(backend_name="documents").delete()


def publish(page, django_capture_on_commit_callbacks, **changes):
    page = PublicationPage.objects.get(pk=page.pk)
    page = page.get_latest_revision_as_object() if page.latest_revision_id else page
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return PublicationPage.objects.get(pk=page.pk)


def publication_with(library, data, django_capture_on_commit_callbacks, **fields):
    """A publication offering `data` as its one PDF, published, the worker run."""
    with django_capture_on_commit_callbacks(execute=True):
        document = PdfDocumentFactory(title="Full report", file=_file(data))
    page = PublicationPageFactory(parent=library, title="Notes from the islands", **fields)
    PublicationDownloadFactory(page=page, document=document, title="Full report")
    page = publish(page, django_capture_on_commit_callbacks)
    run_document_tasks()
    return page


def _file(data):
    return ContentFile(data, name="report.pdf")


def picture_bytes(client, url):
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def health(client, page):
    html = soup(client.get(f"/admin/pages/{page.pk}/edit/"))
    return [
        (visible_text(item), "help-warning" in item["class"])
        for item in html.select(".publication-health > li")
    ]


def test_a_published_pdf_gets_a_cover_from_its_first_page(
    library, client, editor, empty_queue, django_capture_on_commit_callbacks
):
    page = publication_with(library, a_pdf(), django_capture_on_commit_callbacks)
    cover = PdfCover.objects.get(page=page).image
    assert cover.collection.name == "Covers made from PDFs"
    assert cover.description == "The cover of “Notes from the islands”"
    assert cover.width == 800
    assert cover.height == round(800 * 842 / 595)
    # The first page, drawn: its title reads back.
    with cover.open_file() as handle:
        read = words(read_text(handle.read()))
    assert words(REPORT_TITLE) == [w for w in read if w in words(REPORT_TITLE)][:3]

    # On the library's card, on the publication's page, and in its social card's picture.
    card = soup(client.get("/library/")).select_one(".library-card")
    assert card.img["alt"] == cover.description
    header = soup(client.get(page.url)).select_one(".publication-header__cover")
    assert header["alt"] == cover.description
    ((text, warned),) = [line for line in health(editor, page) if "Cover picture" in line[0]]
    assert "Made from the first page of “Full report”" in text
    assert not warned


def test_the_card_shows_the_cover_beside_the_title(
    library, client, empty_queue, django_capture_on_commit_callbacks
):
    page = publication_with(library, a_pdf(), django_capture_on_commit_callbacks)
    og = soup(client.get(page.url)).select_one('meta[property="og:image"]')["content"]
    card = Image.open(io.BytesIO(picture_bytes(client, og))).convert("RGB")
    assert card.size == (1200, 630)
    # The PDF's page is white: the card's right-hand box holds it.
    assert card.getpixel((1200 - 72 - 170, 315)) == (255, 255, 255)


def test_an_editors_own_cover_is_never_replaced(
    library, client, empty_queue, django_capture_on_commit_callbacks
):
    own = ImageFactory(title="Our cover", width=600, height=848)
    page = publication_with(library, a_pdf(), django_capture_on_commit_callbacks, image=own)
    assert not PdfCover.objects.filter(page=page).exists()
    assert PublicationPage.objects.get(pk=page.pk).image_id == own.pk
    card = soup(client.get("/library/")).select_one(".library-card")
    assert card.img["alt"] == own.description


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (encrypted_pdf, "The PDF is encrypted with a password."),
        (damaged_pdf, "The PDF could not be read"),
    ],
    ids=["encrypted", "damaged"],
)
def test_a_pdf_that_cannot_be_drawn_makes_no_cover_and_a_warning(
    library, client, editor, empty_queue, django_capture_on_commit_callbacks, content, says
):
    images_before = Image_.objects.count()
    page = publication_with(library, content(), django_capture_on_commit_callbacks)
    record = PdfCover.objects.get(page=page)
    assert record.image is None
    assert record.warning.startswith(says)
    assert Image_.objects.count() == images_before
    # No error page anywhere: the publication, the library, the edit view and the report.
    assert soup(client.get(page.url)).select_one(".publication-header__cover") is None
    assert soup(client.get("/library/")).select_one(".library-card img") is None
    ((text, warned),) = [line for line in health(editor, page) if "Cover picture" in line[0]]
    assert warned
    assert says in text
    assert "Choose a cover image" in text
    report = soup(editor.get("/admin/reports/publication-health/"))
    section = [
        s for s in report.select(".publication-health__page") if page.title in visible_text(s.h2)
    ]
    assert says in visible_text(section[0])


def test_a_report_made_into_a_pdf_gets_its_cover_from_it(
    library, client, empty_queue, django_capture_on_commit_callbacks
):
    page = PublicationPageFactory(parent=library, title="Kindness at the library", live=False)
    report = [{"type": "paragraph", "value": "<p>Nine in ten agree.</p>"}]
    page = publish(page, django_capture_on_commit_callbacks, report=report)
    results = run_document_tasks()
    assert "generated" in results
    assert "made" in results
    cover = PdfCover.objects.get(page=page)
    assert cover.document.title == "Kindness at the library (PDF)"
    with cover.image.open_file() as handle:
        read = words(read_text(handle.read()))
    assert {"kindness", "library"} <= set(read)


def test_a_cover_goes_with_the_pdf_it_was_made_from(
    library, client, empty_queue, django_capture_on_commit_callbacks
):
    page = publication_with(library, a_pdf(), django_capture_on_commit_callbacks)
    image = PdfCover.objects.get(page=page).image
    publish(page, django_capture_on_commit_callbacks, downloads=[])
    run_document_tasks()
    assert not PdfCover.objects.filter(page=page).exists()
    assert not Image_.objects.filter(pk=image.pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_real_worker_makes_the_cover_of_an_uploaded_pdf(editor, client):
    """As `make run` and production run it: an editor uploads a PDF in the admin, offers it
    on a publication without a cover, publishes; `db_worker --backend documents` runs."""
    assert admin_uploads.upload(editor, "documents", "islands.pdf", a_pdf()).status_code == 302
    document = Document.objects.get(title="islands.pdf")
    publication = PublicationPage.objects.get(slug="the-place-of-kindness")
    assert publication.image_id is None
    PublicationDownloadFactory(page=publication, document=document, title="Appendix")
    publication.save_revision().publish()
    run_worker("documents")
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    cover = PdfCover.objects.get(page=publication)
    assert cover.document == document
    html = soup(client.get("/library/"))
    alts = [img["alt"] for img in html.select(".library-card img")]
    assert cover.image.description in alts
