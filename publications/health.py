"""A publication's health, where editors look: the state of the PDF made from its report,
of each uploaded PDF (its text read for search; tagged, titled and in a language), and of
the cover made from its first PDF when it has no cover of its own.

Shown in a publication's edit view (`publications.panels.PublicationHealthPanel`) and, for
every publication, under Reports > Publication health (`PublicationHealthView`). Nothing
here changes anything: it reads the rows the documents worker leaves (`GeneratedPdf`,
`DocumentText`, its task results) and the PDFs themselves.
"""

import io
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.views.generic import TemplateView
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from publications import pdf
from publications.documents import file_bytes, is_pdf
from publications.models import DocumentText, GeneratedPdf, PdfCover, PublicationPage

logger = logging.getLogger(__name__)

GENERATE_TASK = "publications.tasks.generate_publication_pdf"
# A PDF's file does not change under the same hash: what pypdf found is kept for a month.
ACCESSIBILITY_CACHE_SECONDS = 30 * 24 * 3600


def when(moment):
    return date_format(timezone.localtime(moment), "j F Y, H:i")


@dataclass
class Health:
    """What an editor is told about one PDF: a line, and whether it needs them."""

    title: str
    message: str
    problem: bool = False
    warnings: list = field(default_factory=list)

    @property
    def needs_attention(self):
        return self.problem or bool(self.warnings)


def latest_generation(page):
    """The newest task that was asked to make `page`'s PDF, or None."""
    return (
        DBTaskResult.objects.filter(task_path=GENERATE_TASK, args_kwargs__args__0=page.pk)
        .order_by("-enqueued_at")
        .first()
    )


def failure_reason(task):
    """The last line of the failed task's traceback: the error, in its own words."""
    lines = [line for line in task.traceback.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else task.exception_class_path


def generated_pdf_health(page):
    """The PDF made from the live publication's report: queued, made from the current text
    (and when), out of date, or failed and why."""
    title = pdf.DOWNLOAD_TITLE
    live = PublicationPage.objects.filter(pk=page.pk).first() if page.pk else None
    if live is None or not live.live:
        if page.report:
            return Health(title, "Made from the report text when the page is published.")
        return Health(title, "None is made: the publication has no report text.")
    if not live.report:
        return Health(title, "None is made: the publication has no report text.")
    task = latest_generation(live)
    if task and task.status == TaskResultStatus.READY:
        return Health(title, f"Queued at {when(task.enqueued_at)}: the worker has not made it yet.")
    if task and task.status == TaskResultStatus.RUNNING:
        return Health(title, f"Being made now (started {when(task.started_at)}).")
    if task and task.status == TaskResultStatus.FAILED:
        return Health(
            title,
            f"Making it failed at {when(task.finished_at)}: {failure_reason(task)}. "
            "Publish the page again to try again; if it fails again, tell the developers.",
            problem=True,
        )
    record = GeneratedPdf.objects.filter(page=live, document__isnull=False).first()
    if record is None:
        return Health(title, "Not made yet: publish the page to make it.", problem=True)
    if pdf.source_hash(pdf.printable_html(live)) != record.source_hash:
        return Health(
            title,
            f"Made at {when(record.generated_at)} from earlier text: publish the page to make "
            "it again.",
            problem=True,
        )
    return Health(title, f"Made at {when(record.generated_at)} from the current text.")


def accessibility_warnings(document):
    """Why a PDF is hard to read with a screen reader: untagged, no title, no language.

    Read with pypdf once for each file (cached under the file's hash).
    """
    key = f"pdf-accessibility:{document.file_hash or document.pk}"
    warnings = cache.get(key)
    if warnings is None:
        warnings = _accessibility_warnings(file_bytes(document))
        cache.set(key, warnings, ACCESSIBILITY_CACHE_SECONDS)
    return warnings


def _accessibility_warnings(data):
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return []  # its text state already says it is encrypted
        root = reader.trailer["/Root"].get_object()
        mark_info = root.get("/MarkInfo")
        tagged = bool(mark_info and mark_info.get_object().get("/Marked")) and (
            "/StructTreeRoot" in root
        )
        title = (reader.metadata or {}).get("/Title")
        language = root.get("/Lang")
    except Exception:  # a damaged file: its text state says so
        logger.info("Could not check a PDF's tags, title and language", exc_info=True)
        return []
    warnings = []
    if not tagged:
        warnings.append(
            "It is untagged: screen readers cannot tell its headings, lists and tables apart. "
            "Export it again as a tagged PDF (in Word: Save as PDF, Options, 'Document "
            "structure tags for accessibility')."
        )
    if not str(title or "").strip():
        warnings.append(
            "It has no title, so readers see its file name. Give it one in the document's "
            "properties before exporting it."
        )
    if not str(language or "").strip():
        warnings.append(
            "It has no language, so screen readers may read it with the wrong voice. Set the "
            "document's language (English, United Kingdom) before exporting it."
        )
    return warnings


def download_health(download):
    """An uploaded file's state: whether its text was read for search, and its warnings."""
    document = download.document
    title = f"{download.title} ({document.title})"
    if not is_pdf(document):
        return Health(title, f"A {document.file_extension.upper()} file: nothing to check.")
    try:
        text = document.extracted_text
    except ObjectDoesNotExist:
        return Health(title, "Its text is queued to be read for search.", warnings=[])
    if text.status == DocumentText.Status.EXTRACTED:
        message = f"Its text was read for search at {when(text.extracted_at)}."
        problem = False
    else:
        message = f"Search cannot find its text: {text.warning or text.get_status_display()}"
        problem = True
    return Health(title, message, problem, accessibility_warnings(document))


COVER_TITLE = "Cover picture"


def cover_health(page):
    """The cover made from the publication's PDF, or why none could be: [] while the page
    has a cover of its own (the editor's is never replaced) or none was tried yet."""
    if page.image_id or not page.pk:
        return []
    record = PdfCover.objects.filter(page_id=page.pk).select_related("document").first()
    if record is None:
        return []
    source = f"“{record.document.title}”" if record.document else "its PDF"
    if record.image_id:
        return [
            Health(
                COVER_TITLE,
                f"Made from the first page of {source} at {when(record.made_at)}. Choose a "
                "cover image above to show another.",
            )
        ]
    return [
        Health(
            COVER_TITLE,
            f"None could be made from the first page of {source}: {record.warning} Choose a "
            "cover image above, or upload a PDF that opens without a password.",
            problem=True,
        )
    ]


def publication_health(page):
    """Everything an editor is told about `page`'s PDFs: the generated one, then each upload,
    then the cover made from the first."""
    generated = GeneratedPdf.objects.filter(page=page).values_list("document_id", flat=True)
    generated_ids = set(generated)
    uploads = [
        download_health(download)
        for download in page.downloads.select_related("document__extracted_text")
        if download.document_id not in generated_ids
    ]
    return [generated_pdf_health(page), *uploads, *cover_health(page)]


class PublicationHealthView(WagtailAdminTemplateMixin, TemplateView):
    """Every publication whose PDFs need an editor, with what is wrong."""

    template_name = "publications/admin/health_report.html"
    page_title = "Publication health"
    header_icon = "warning"
    # The page's own header, with its title, rather than a trail of one "Home" link.
    breadcrumbs_items = []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publications = PublicationPage.objects.order_by("title").prefetch_related(
            "downloads__document__extracted_text"
        )
        context["publications"] = [
            (page, problems)
            for page in publications
            if (problems := [h for h in publication_health(page) if h.needs_attention])
        ]
        return context
