"""Publications: reports, case studies and the rest, with authors and downloads."""

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kindness.models import SiteSettings
from people.blocks import BodyBlock
from publications import pdf
from publications import report as html_report
from publications.blocks import NoteBlock, ReportBlock
from publications.citations import bibtex, harvard
from publications.downloads import DownloadTotalPanel, serve_download
from publications.panels import PublicationHealthPanel

from .library import FILM_FILE_EXTENSIONS, DatePrecision, LibraryItemPage


class PublicationType(models.TextChoices):
    REPORT = "report", "Report"
    CASE_STUDY = "case_study", "Case study"
    DATA_SERIES = "data_series", "Data series"
    POLICY_PAPER = "policy_paper", "Policy paper"
    BRIEFING = "briefing", "Briefing"
    OTHER = "other", "Other"


# schema.org has a Report type; the rest are best described as a CreativeWork.
SCHEMA_TYPES = {
    PublicationType.REPORT: "Report",
    PublicationType.CASE_STUDY: "Report",
    PublicationType.POLICY_PAPER: "Report",
    PublicationType.BRIEFING: "Report",
}


PREVIEW_WHOLE_REPORT = "whole-report"
PREVIEW_PDF = "pdf"


class PublicationPage(RoutablePageMixin, LibraryItemPage):
    """A report, case study or other publication, with its downloads and how to cite it."""

    publication_type = models.CharField(
        "type",
        max_length=20,
        choices=PublicationType.choices,
        default=PublicationType.REPORT,
        help_text="What kind of publication it is. Readers can filter the library by it.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="More about the publication: findings, quotes, pictures, and whom to "
        "speak to about it.",
    )

    report = StreamField(
        ReportBlock(),
        blank=True,
        verbose_name="report text",
        help_text="The report itself, to read on the page: numbered headings, text, pictures, "
        "tables, quotes, call-outs and charts. Leave empty for a report that exists only as "
        "a download.",
    )
    report_notes = StreamField(
        [("note", NoteBlock())],
        blank=True,
        verbose_name="notes",
        help_text="The report's footnotes. Each has a label; cite it in the text as [^label]. "
        "Readers see them numbered, under the text, with links both ways.",
    )

    # Weighted for Postgres: the title (boost 2) ranks first, then the summary, then the
    # page's text (its body and its report), then the text inside its downloads (no
    # boost: the lowest weight, D).
    search_fields = [
        *LibraryItemPage.search_fields,
        index.SearchField("body", boost=1),
        index.SearchField("report", boost=1),
        index.SearchField("downloads_text"),
    ]
    # What a search result's snippet reads, fetched for a page of results at once: set
    # below PublicationDownload, in one query.
    search_result_prefetch = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("publication_type"),
        LibraryItemPage.date_panels(),
        InlinePanel(
            "authors",
            heading="Authors",
            label="Author",
            help_text="In the order the publication names them. Choose a person page, or type "
            "the name of an outside author.",
        ),
        FieldPanel("strands", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"),
        FieldPanel("image", heading="Cover image"),
        InlinePanel(
            "downloads",
            heading="Downloads",
            label="Download",
            help_text="The full report, a summary, an accessible version...",
        ),
        DownloadTotalPanel(heading="Downloads so far"),
        PublicationHealthPanel(
            heading="The PDFs' health",
            help_text="The PDF made from the report text, and whether each uploaded PDF can be "
            "searched and read with a screen reader.",
        ),
        MultiFieldPanel(
            [FieldPanel("report"), FieldPanel("report_notes")],
            heading="The report as a web page",
            help_text="A report readers can read here, on any screen, link to by section and "
            "print. Optional: many reports are only a download.",
        ),
        FieldPanel("body"),
    ]

    # What an approver signs off, chosen in the preview panel: the page as readers see it,
    # the whole report (a report in chapters shows readers one chapter a page) and the PDF
    # this draft would print as.
    preview_modes = [
        ("", "Web page"),
        (PREVIEW_WHOLE_REPORT, "Whole report"),
        (PREVIEW_PDF, "PDF"),
    ]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []
    page_description = (
        "A report, case study, data series or other publication, with its files to download "
        "and how to cite it."
    )

    class Meta:
        verbose_name = "publication"

    @property
    def social_card_type(self):
        """What its social card calls it: "Report", "Case study"..."""
        return self.get_publication_type_display()

    def downloads_text(self):
        """The text inside this publication's PDFs, as far as it has been read."""
        texts = []
        for download in self.downloads.all():
            try:
                texts.append(download.document.extracted_text.text)
            except ObjectDoesNotExist:  # not read yet, or not a PDF
                continue
        return "\n\n".join(text for text in texts if text)

    def clean(self):
        super().clean()
        # Written into the blocks, so a section's link stays the same from save to save.
        html_report.assign_anchors(self.report)
        labels = [child.value["label"] for child in self.report_notes]
        repeated = sorted({label for label in labels if labels.count(label) > 1})
        cited = html_report.cited_labels(self.report)
        errors = {}
        if missing := sorted(set(cited) - set(labels)):
            errors["report"] = (
                "The text cites notes that do not exist: "
                + ", ".join(f"[^{label}]" for label in missing)
                + ". Add them under 'Notes', or correct the labels."
            )
        notes_errors = []
        if repeated:
            notes_errors.append(
                "Give each note its own label: " + ", ".join(repeated) + " is used twice."
            )
        if unused := [label for label in labels if label not in cited]:
            notes_errors.append(
                "These notes are never cited in the text: "
                + ", ".join(unused)
                + ". Cite each one as [^label], or remove it."
            )
        if notes_errors:
            errors["report_notes"] = notes_errors
        if errors:
            raise ValidationError(errors)

    def authors_for_display(self):
        return list(self.authors.select_related("person"))

    def downloads_for_display(self):
        """The downloads in the order the page lists them: a download's link is its place."""
        return list(self.downloads.select_related("document"))

    def download_links(self, request):
        """Each download with the `link` a reader follows: the counting redirect.

        A preview links the files themselves: a draft's downloads are not the live page's,
        and an editor checking a file is not a reader.
        """
        downloads = self.downloads_for_display()
        preview = getattr(request, "is_preview", False)
        page_url = None if preview else self.get_url(request)
        for position, download in enumerate(downloads, start=1):
            if preview or page_url is None:
                download.link = download.document.url
            else:
                download.link = page_url + self.reverse_subpage("download", args=[position])
        return downloads

    @path("download/<int:position>/", name="download")
    def download_view(self, request, position):
        return serve_download(self, request, position)

    def citation_data(self, request, authors=None):
        if authors is None:
            authors = self.authors_for_display()
        return {
            "authors": [author.citation_name for author in authors],
            "year": self.date.year,
            "month": self.date.month if self.date_precision != DatePrecision.YEAR else None,
            "title": self.title,
            "type": self.get_publication_type_display(),
            "publisher": SiteSettings.for_request(request).organisation_name,
            "url": self.get_full_url(request),
        }

    @path("bibtex/", name="bibtex")
    def bibtex_view(self, request):
        response = HttpResponse(
            bibtex(self.citation_data(request)), content_type="application/x-bibtex; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.bib"'
        return response

    @path("<slug:chapter>/", name="chapter")
    def chapter_view(self, request, chapter):
        found = html_report.find_chapter(self.report, chapter)
        if found is None:
            raise Http404("No such chapter")
        if found.number == 1:
            # The first chapter is the publication's own page: one address for it.
            return HttpResponseRedirect(self.url)
        return self.render(request, chapter=found.slug)

    def json_ld(self, request, citation, authors):
        data = {
            "@context": "https://schema.org",
            "@type": SCHEMA_TYPES.get(self.publication_type, "CreativeWork"),
            "name": self.title,
            "headline": self.title,
            "description": self.summary,
            "url": citation["url"],
            "datePublished": self.iso_date,
            "author": [author.json_ld(request) for author in authors],
            "publisher": {"@type": "Organization", "name": citation["publisher"]},
            "inLanguage": "en-GB",
        }
        if self.publication_type != PublicationType.OTHER:
            data["genre"] = self.get_publication_type_display()
        return data

    def serve_preview(self, request, mode_name):
        """The preview of `mode_name`, made from this object as it stands: in the admin, the
        draft in the editor's form or the revision being approved, never what is live."""
        if mode_name == PREVIEW_PDF:
            return self.pdf_preview(request)
        if mode_name == PREVIEW_WHOLE_REPORT:
            context = self.get_context(request, whole_report=True)
            return TemplateResponse(request, self.get_template(request), context)
        return super().serve_preview(request, mode_name)

    def pdf_preview(self, request):
        """The PDF publishing this draft would make, rendered now and stored nowhere."""
        if not self.report:
            context = self.get_context(request)
            return TemplateResponse(request, "publications/pdf_preview_none.html", context)
        response = HttpResponse(pdf.render_pdf(pdf.printable_html(self), pdf.site_url(self)))
        response["Content-Type"] = "application/pdf"
        response["Content-Disposition"] = f'inline; filename="{self.slug}-preview.pdf"'
        return response

    def get_context(self, request, *args, chapter=None, whole_report=False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if whole_report:
            report = html_report.whole_report_context(self, self.url or "")
        else:
            report = html_report.report_context(self, self.url or "", chapter)
        if report and report.get("chapter") and report["chapter"].number > 1:
            # A chapter's own address is its canonical address and what its share links send.
            context["page_url"] = self.get_full_url(request) + self.reverse_subpage(
                "chapter", kwargs={"chapter": report["chapter"].slug}
            )
            context["page_title"] = f"{report['chapter'].title}: {self.title}"
        authors = self.authors_for_display()
        citation = self.citation_data(request, authors)
        strands = self.live_strands()
        context.update(
            authors=authors,
            downloads=self.download_links(request),
            strands=strands,
            citation=harvard(citation),
            bibtex_url=self.url + self.reverse_subpage("bibtex"),
            films=list(self.films.live()),
            related=list(
                LibraryItemPage.objects.live()
                .filter(strands__in=strands, publicationpage__isnull=False)
                .exclude(pk=self.pk)
                .distinct()
                .newest_first()
                .for_listing()[:3]
            )
            if strands
            else [],
            json_ld_data=self.json_ld(request, citation, authors),
            report=report,
        )
        return context


class PublicationDownload(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The file readers download: a PDF, Word, OpenDocument, spreadsheet or EPUB.",
    )
    title = models.CharField(
        max_length=120,
        help_text="What the file is, for example 'Full report' or 'Accessible version'.",
    )

    panels = [FieldPanel("title"), FieldPanel("document")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.document_id and self.format.lower() in FILM_FILE_EXTENSIONS:
            raise ValidationError(
                {
                    "document": f"“{self.document.title}” is a {self.format} file, a film's "
                    "video or captions, not a publication's download. Choose the report's own "
                    "file (PDF, Word, OpenDocument, spreadsheet or EPUB), and put the film on "
                    "a film page that names this publication."
                }
            )

    @property
    def format(self):
        return self.document.file_extension.upper()


PublicationPage.search_result_prefetch = [
    Prefetch(
        "downloads",
        queryset=PublicationDownload.objects.select_related("document__extracted_text"),
    )
]
