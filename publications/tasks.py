"""The library's background work, run by the "documents" worker
(`python manage.py db_worker --backend documents`): reading the text inside PDFs, and
rendering a publication's PDF from its HTML."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.search import index

from delivery import page_cache
from publications import pdf
from publications.documents import (
    EncryptedPdf,
    UnreadablePdf,
    file_bytes,
    file_hash,
    is_pdf,
    pdf_text,
)
from publications.models import DocumentText, GeneratedPdf, PublicationDownload, PublicationPage

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


def queue_text_extraction(sender, instance, raw=False, **kwargs):
    """post_save of a document: read its text once the save is committed, if it is a PDF.

    `robust`: a queue that cannot be reached is logged, and the editor's upload still
    succeeds.
    """
    if raw or not is_pdf(instance):
        return
    transaction.on_commit(lambda: extract_document_text.enqueue(instance.pk), robust=True)


def reindex_publications_offering(document):
    """Search finds a publication by its files' text: index it again now the text is in,
    and forget the cached library pages (a library search is a cached page) that list it."""
    pages = PublicationPage.objects.filter(downloads__document=document).distinct()
    for page in pages:
        index.insert_or_update_object(page)
        if page.live:
            page_cache.invalidate_page(page)


@task(backend="documents")
def generate_publication_pdf(page_id):
    """Make the live publication's PDF from its report, unless the same HTML made the one
    it has; then offer it first among the page's downloads, in place of the last one."""
    page = PublicationPage.objects.live().filter(pk=page_id).first()
    if page is None:
        return "nothing to make: unpublished or deleted"
    record = GeneratedPdf.objects.filter(page=page).select_related("document").first()
    if not page.report:
        if record:
            remove_generated_pdf(page, record)
            return "removed: the report's text is gone"
        return "nothing to make: no report text"
    html = pdf.printable_html(page)
    digest = pdf.source_hash(html)
    if record and record.document and record.source_hash == digest:
        offer_generated_pdf(page, record.document)
        return "unchanged"
    data = pdf.render_pdf(html, pdf.site_url(page))
    Document = get_document_model()
    document = Document(
        title=f"{page.title} (PDF)",
        collection=pdf.generated_collection(),
        file_size=len(data),
        file_hash=file_hash(data),
    )
    # Saving the document queues the reading of its text, like any upload.
    document.file.save(f"{page.slug}.pdf", ContentFile(data))
    previous = record.document if record else None
    with transaction.atomic():
        GeneratedPdf.objects.update_or_create(
            page=page,
            defaults={"document": document, "source_hash": digest, "generated_at": timezone.now()},
        )
        offer_generated_pdf(page, document, replacing=previous)
        if previous is not None:
            previous.delete()
    page_cache.invalidate_page(page)
    return "generated"


def offer_generated_pdf(page, document, replacing=None):
    """Make `document` the page's first download, in the row of the one it replaces.

    Written to the live page's rows, not through a revision, so the page is not published
    again (no loop); if a later publish leaves it out, `put_back_generated_pdf` restores it.
    """
    rows = PublicationDownload.objects.filter(
        page=page, document__in=[d for d in (document, replacing) if d is not None]
    )
    if not rows.update(document=document, sort_order=-1):
        PublicationDownload.objects.create(
            page=page, document=document, title=pdf.DOWNLOAD_TITLE, sort_order=-1
        )
    # Rows added in code rather than the admin may have no place, which SQLite sorts
    # before -1 and Postgres after everything: give them the first place after this one.
    PublicationDownload.objects.filter(page=page, sort_order__isnull=True).update(sort_order=0)


def remove_generated_pdf(page, record):
    with transaction.atomic():
        if record.document is not None:
            record.document.delete()  # its download row goes with it (CASCADE)
        record.delete()
    page_cache.invalidate_page(page)


def put_back_generated_pdf(sender, instance, **kwargs):
    """page_published: offer the PDF made from the report again, should the published
    downloads have left it out (an editor removed it from the list), and queue a fresh one
    once the publish is committed; it is made only if the report's HTML has changed."""
    record = GeneratedPdf.objects.filter(page=instance).select_related("document").first()
    if record and record.document and instance.report:
        offer_generated_pdf(instance, record.document)
    if instance.report or record:
        transaction.on_commit(lambda: generate_publication_pdf.enqueue(instance.pk), robust=True)


def delete_generated_document(sender, instance, **kwargs):
    """post_delete of a GeneratedPdf (its publication deleted): the file it made goes too."""
    if instance.document_id:
        get_document_model().objects.filter(pk=instance.document_id).delete()
