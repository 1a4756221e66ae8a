"""The library's background work, run by the "documents" worker
(`python manage.py db_worker --backend documents`): reading the text inside PDFs, and
rendering a publication's PDF from its HTML."""

import logging

from django.utils import timezone
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.search import index

from kindness import page_cache
from publications.documents import (
    EncryptedPdf,
    UnreadablePdf,
    file_bytes,
    file_hash,
    is_pdf,
    pdf_text,
)
from publications.models import DocumentText, PublicationPage

logger = logging.getLogger("publications.documents")


@task(backend="documents")
def extract_document_text(document_id):
    """Store the text inside a PDF document and reindex the publications that offer it.

    A damaged or encrypted file is recorded with a warning, in the log (one line, logger
    `publications.documents`) and on its DocumentText row; the task still succeeds, since
    reading the same file again would fail the same way.
    """
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or not is_pdf(document):
        return "nothing to read: deleted, or not a PDF"
    data = file_bytes(document)
    digest = file_hash(data)
    if DocumentText.objects.filter(document=document, file_hash=digest).exists():
        return "already read"
    text, status, warning = "", DocumentText.Status.EXTRACTED, ""
    try:
        text = pdf_text(data)
    except EncryptedPdf as error:
        status, warning = DocumentText.Status.ENCRYPTED, f"The PDF is {error}."
    except UnreadablePdf as error:
        status, warning = DocumentText.Status.UNREADABLE, f"The PDF could not be read: {error}"
    warning = warning[:300]
    if warning:
        logger.warning(
            "No text from document %s “%s” for search: %s", document.pk, document.title, warning
        )
    DocumentText.objects.update_or_create(
        document=document,
        defaults={
            "text": text,
            "status": status,
            "warning": warning,
            "file_hash": digest,
            "extracted_at": timezone.now(),
        },
    )
    reindex_publications_offering(document)
    return status


def reindex_publications_offering(document):
    """Search finds a publication by its files' text: index it again now the text is in,
    and forget the cached library pages (a library search is a cached page) that list it."""
    pages = PublicationPage.objects.filter(downloads__document=document).distinct()
    for page in pages:
        index.insert_or_update_object(page)
        if page.live:
            page_cache.invalidate_page(page)
