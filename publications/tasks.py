"""The library's background work, run by the "documents" worker
(`python manage.py db_worker --backend documents`): reading the text inside PDFs,
rendering a publication's PDF from its HTML, and making a cover from a PDF's first page."""

import logging

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from PIL import ImageOps
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.search import index

from delivery import page_cache
from publications import pdf
from publications.documents import (
    EncryptedPdf,
    UnreadablePdf,
    file_bytes,
    file_hash,
    first_page_picture,
    is_pdf,
    pdf_text,
    png_bytes,
)
from publications.models import (
    DocumentText,
    GeneratedPdf,
    PdfCover,
    PublicationDownload,
    PublicationPage,
)
from social_cards.tasks import draw_social_card

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
            # A new file in an offered document may be a new first page for its cover.
            queue_cover(page.pk)


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
    queue_cover(page.pk)
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


# Covers made from PDFs.

COVERS_COLLECTION = "Covers made from PDFs"


def covers_collection():
    """The collection the covers are kept in, made the first time it is needed."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COVERS_COLLECTION).first()
    return existing or root.add_child(name=COVERS_COLLECTION)


def first_pdf(page):
    """The first PDF among the live publication's downloads (the one made from its report
    comes first), or None."""
    for download in page.downloads.select_related("document").order_by("sort_order", "pk"):
        if is_pdf(download.document):
            return download.document
    return None


def queue_cover(page_id):
    transaction.on_commit(lambda: make_pdf_cover.enqueue(page_id), robust=True)


@task(backend="documents")
def make_pdf_cover(page_id):
    """Give a live publication without a cover of its own one made from its first PDF's
    first page, unless the one it has was made from the same file.

    A PDF that cannot be drawn (encrypted, damaged) leaves no cover and a warning on the
    PdfCover row, which the publication's health panel shows; the task still succeeds, as
    drawing the same file again would fail the same way. The editor's own cover is never
    touched: with one, nothing is made.
    """
    with transaction.atomic():
        page = PublicationPage.objects.live().select_for_update().filter(pk=page_id).first()
        if page is None:
            return "nothing to make: unpublished or deleted"
        if page.image_id:
            return "nothing to make: the editor chose a cover"
        record = PdfCover.objects.filter(page=page).select_related("image").first()
        document = first_pdf(page)
        if document is None:
            if record:
                record.delete()  # and its picture (delete_pdf_cover_image)
                page_cache.invalidate_page(page)
                transaction.on_commit(lambda: draw_social_card.enqueue(page_id), robust=True)
                return "removed: no PDF"
            return "nothing to make: no PDF"
        data = file_bytes(document)
        digest = file_hash(data)
        if record and record.document_id == document.pk and record.file_hash == digest:
            return "unchanged"
        image, warning = None, ""
        try:
            picture = first_page_picture(data)
        except EncryptedPdf as error:
            warning = f"The PDF is {error}."
        except UnreadablePdf as error:
            warning = f"The PDF could not be read: {error}"
        if warning:
            logger.warning(
                "No cover from document %s “%s”: %s", document.pk, document.title, warning
            )
        else:
            image = get_image_model()(
                title=f"Cover: {page.title}"[:255],
                description=f"The cover of “{page.title}”"[:255],
                collection=covers_collection(),
            )
            image.file = ImageFile(ContentFile(png_bytes(picture)), name=f"{page.slug}-cover.png")
            # A card cuts a wide strip from the cover: from the top of what is printed on
            # it, where a title is, rather than the page's middle or its empty margin.
            printed = ImageOps.invert(picture.convert("L")).point(lambda v: 255 * (v > 16))
            top = (printed.getbbox() or (0, 0))[1]
            band = min(picture.height - top, picture.width * 9 // 16)
            image.focal_point_x, image.focal_point_y = picture.width // 2, top + band // 2
            image.focal_point_width, image.focal_point_height = picture.width, band
            image.save()
        previous = record.image if record else None
        PdfCover.objects.update_or_create(
            page=page,
            defaults={
                "image": image,
                "document": document,
                "file_hash": digest,
                "warning": warning[:300],
                "made_at": timezone.now(),
            },
        )
        if previous is not None:
            previous.delete()
        page_cache.invalidate_page(page)
        # The cover is the publication's picture on its social card too.
        transaction.on_commit(lambda: draw_social_card.enqueue(page_id), robust=True)
    return "unreadable" if warning else "made"


def queue_cover_on_publish(sender, instance, **kwargs):
    """page_published: a publish may change the downloads, and so the first PDF."""
    queue_cover(instance.pk)


def delete_pdf_cover_image(sender, instance, **kwargs):
    """post_delete of a PdfCover (its publication deleted, or its PDF gone): its picture too."""
    if instance.image_id:
        get_image_model().objects.filter(pk=instance.image_id).delete()
