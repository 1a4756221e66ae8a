"""Publications, films and the library that lists them together.

`LibraryItemPage` is a concrete parent of `PublicationPage` and `FilmPage` (multi-table
inheritance) rather than an abstract mixin: the fields every listing shows and filters on
(date, summary, strands, image) then live in one table, so the library, a strand page, a
person page and the feed each list publications and films together with one queryset,
newest first, paginated and filtered in SQL, instead of merging two querysets in Python.
"""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlparse

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.dateformat import format as date_format
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from kindness.blocks import ArticleBlock

from .citations import bibtex, harvard

PAGE_SIZE = 12
VIDEO_EXTENSIONS = {"mp4": "video/mp4", "webm": "video/webm"}


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year only"


class LibraryItemQuerySet(PageQuerySet):
    def newest_first(self):
        return self.order_by("-date", "-pk")

    def for_listing(self):
        """Everything a card shows, fetched in a fixed number of queries however many items.

        The child rows come with `select_related`, so a card can tell a film from a
        publication (and show its type) without loading each specific page.
        """
        return self.select_related("image", "publicationpage", "filmpage").prefetch_related(
            "image__renditions",
            Prefetch(
                "publicationpage__authors",
                queryset=PublicationAuthor.objects.select_related("person"),
            ),
        )


class LibraryItemPage(Page):
    """What publications and films share: a date, a summary, strands and an image."""

    date = models.DateField(
        help_text="The publication or release date. If only the month or year is known, "
        "pick the first day and set the precision below."
    )
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date to show: '25 July 2017', 'July 2017' or '2017'.",
    )
    summary = models.TextField(
        max_length=600,
        help_text="Two or three sentences: shown on the page, in lists and in the feed.",
    )
    strands = ParentalManyToManyField(
        "programme.StrandPage",
        blank=True,
        related_name="library_items",
        help_text="The strands of the programme this came out of.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="What the image shows, for people who cannot see it. Required with an image.",
    )

    objects = PageManager.from_queryset(LibraryItemQuerySet)()

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []
    # Editors create a publication or a film, never the shared parent on its own.
    is_creatable = False

    image_label = "Image"

    class Meta:
        verbose_name = "library item"

    @classmethod
    def date_panels(cls):
        return MultiFieldPanel(
            [FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")])],
            heading="Date",
        )

    @classmethod
    def image_panels(cls):
        return MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_text")], heading=cls.image_label
        )

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt_text.strip():
            raise ValidationError(
                {"image_alt_text": "Describe the image for people who cannot see it."}
            )

    @property
    def display_date(self):
        """'25 July 2017', 'July 2017' or '2017', as precisely as the date is known."""
        pattern = {DatePrecision.YEAR: "Y", DatePrecision.MONTH: "F Y"}.get(
            self.date_precision, "j F Y"
        )
        return date_format(self.date, pattern)

    @property
    def iso_date(self):
        """The date in ISO 8601 at its known precision: '2017', '2019-06' or '2020-12-08'."""
        length = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7}.get(self.date_precision, 10)
        return self.date.isoformat()[:length]

    def _child(self, model, name):
        if isinstance(self, model):
            return self
        try:
            return getattr(self, name)
        except ObjectDoesNotExist:
            return None

    @cached_property
    def as_publication(self):
        return self._child(PublicationPage, "publicationpage")

    @cached_property
    def as_film(self):
        return self._child(FilmPage, "filmpage")

    @property
    def type_label(self):
        if self.as_film is not None:
            return "Film"
        if self.as_publication is not None:
            return self.as_publication.get_publication_type_display()
        return ""

    @property
    def author_names(self):
        publication = self.as_publication
        if publication is None:
            return []
        return [author.display_name for author in publication.authors.all()]


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


class PublicationPage(RoutablePageMixin, LibraryItemPage):
    """A report, case study or other publication, with its downloads and how to cite it."""

    publication_type = models.CharField(
        "type", max_length=20, choices=PublicationType.choices, default=PublicationType.REPORT
    )
    body = StreamField(
        ArticleBlock(),
        blank=True,
        help_text="More about the publication: findings, quotes, pictures.",
    )

    search_fields = [*LibraryItemPage.search_fields, index.SearchField("body")]

    image_label = "Cover image"
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
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=image_label),
        InlinePanel(
            "downloads",
            heading="Downloads",
            label="Download",
            help_text="The full report, a summary, an accessible version...",
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "publication"

    def authors_for_display(self):
        return list(self.authors.select_related("person"))

    def citation_data(self, request, authors=None):
        from kindness.models import SiteSettings

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
            "key": self.slug,
        }

    @path("bibtex/", name="bibtex")
    def bibtex_view(self, request):
        response = HttpResponse(
            bibtex(self.citation_data(request)), content_type="application/x-bibtex; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.bib"'
        return response

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        authors = self.authors_for_display()
        citation = self.citation_data(request, authors)
        strands = list(self.strands.live().order_by("title"))
        context.update(
            authors=authors,
            downloads=list(self.downloads.select_related("document")),
            strands=strands,
            citation=harvard(citation),
            bibtex_url=self.url + self.reverse_subpage("bibtex"),
            films=list(FilmPage.objects.live().filter(publication=self).select_related("image")),
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
        )
        return context


class PublicationAuthor(Orderable):
    """One author: a person with a page on the site, or the name of an outside author."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="authored_publications",
    )
    name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Only for an author without a person page, for example 'Julie Brownlie'.",
    )

    panels = [FieldPanel("person"), FieldPanel("name")]

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        if bool(self.person_id) == bool(self.name.strip()):
            raise ValidationError("Choose a person page or type a name, not both and not neither.")

    @property
    def display_name(self):
        return self.person.full_name if self.person_id else self.name

    @property
    def citation_name(self):
        """(family name, given names) for citations."""
        if self.person_id:
            family = self.person.last_name or self.person.title.split()[-1]
            given = self.person.title.removesuffix(family).strip()
            return family, given
        family, _, given = self.name.strip().rpartition(" ")[::-1]
        return family, given

    def json_ld(self, request):
        data = {"@type": "Person", "name": self.person.title if self.person_id else self.name}
        if self.person_id and self.person.live:
            data["url"] = self.person.get_full_url(request)
        return data


class PublicationDownload(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(
        max_length=120,
        help_text="What the file is, for example 'Full report' or 'Accessible version'.",
    )

    panels = [FieldPanel("title"), FieldPanel("document")]

    def __str__(self):
        return self.title

    @property
    def format(self):
        return self.document.file_extension.upper()


VIDEO_PATTERNS = [
    (
        "youtube",
        re.compile(
            r"^https?://(?:www\.|m\.)?youtube\.com/(?:embed/|shorts/|live/)([\w-]{11})(?:[/?#].*)?$"
        ),
    ),
    ("youtube", re.compile(r"^https?://youtu\.be/([\w-]{11})(?:[/?#].*)?$")),
    ("vimeo", re.compile(r"^https?://(?:www\.)?vimeo\.com/(\d+)(?:[/?#].*)?$")),
    ("vimeo", re.compile(r"^https?://player\.vimeo\.com/video/(\d+)(?:[/?#].*)?$")),
]


def parse_video_url(url):
    """(host, video id) for a YouTube or Vimeo address, or None for anything else."""
    url = (url or "").strip()
    parts = urlparse(url)
    if parts.hostname in {"www.youtube.com", "youtube.com", "m.youtube.com"} and (
        parts.path == "/watch"
    ):
        video_id = parse_qs(parts.query).get("v", [""])[0]
        return ("youtube", video_id) if re.fullmatch(r"[\w-]{11}", video_id) else None
    for host, pattern in VIDEO_PATTERNS:
        match = pattern.match(url)
        if match:
            return host, match.group(1)
    return None


TRANSCRIPT_REQUIRED = "Fill in the transcript before publishing the film."


def is_blank_html(html):
    """True for rich text with no words in it, such as the editor's empty '<p></p>'."""
    return not strip_tags(html or "").strip()


class FilmPageForm(WagtailAdminPageForm):
    def clean_transcript(self):
        # The editor sends an empty paragraph for an empty transcript: that is no transcript.
        transcript = self.cleaned_data["transcript"]
        if not is_blank_html(transcript):
            return transcript
        if not self.is_deferred_validation:  # publishing, not saving a draft
            raise ValidationError(TRANSCRIPT_REQUIRED)
        return ""


def validate_video_url(value):
    if value and parse_video_url(value) is None:
        raise ValidationError(
            "Give the address of a YouTube or Vimeo video, for example "
            "https://www.youtube.com/watch?v=… or https://vimeo.com/…"
        )


class FilmPage(LibraryItemPage):
    """A short film: its video (a YouTube or Vimeo address, or a file) and its transcript."""

    duration = models.DurationField(
        null=True, blank=True, help_text="How long the film runs, for example '4:30'."
    )
    publication = models.ForeignKey(
        PublicationPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="films",
        help_text="The publication this film goes with, if there is one.",
    )
    video_url = models.URLField(
        "video address",
        blank=True,
        validators=[validate_video_url],
        help_text="A YouTube or Vimeo address. Nothing loads from the video site until a "
        "visitor presses play.",
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Or an uploaded video file (MP4 or WebM) instead of an address.",
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Captions for the uploaded video, as a WebVTT (.vtt) file.",
    )
    # Required (blank=False): Wagtail lets an editor save a draft without it and refuses
    # to publish until it is filled in (FilmPageForm and clean() refuse an empty paragraph).
    transcript = RichTextField(
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text="Everything said and shown in the film, for people who cannot watch or "
        "hear it. Required before the film can be published.",
    )

    search_fields = [*LibraryItemPage.search_fields, index.SearchField("transcript")]

    base_form_class = FilmPageForm
    image_label = "Poster"
    content_panels = [
        *Page.content_panels,
        LibraryItemPage.date_panels(),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=image_label),
        MultiFieldPanel(
            [
                FieldPanel("video_url"),
                FieldPanel("video_file"),
                FieldPanel("captions"),
                FieldPanel("duration"),
            ],
            heading="Video",
        ),
        FieldPanel("publication"),
        FieldPanel("strands", widget=forms.CheckboxSelectMultiple),
        FieldPanel("transcript"),
    ]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "film"

    def full_clean(self, *args, **kwargs):
        # Text-free rich text counts as empty, so the required transcript stays required.
        if is_blank_html(self.transcript):
            self.transcript = ""
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.video_url and self.video_file_id:
            errors["video_file"] = "Give a video address or a video file, not both."
        if self.video_file_id and self.video_file.file_extension.lower() not in VIDEO_EXTENSIONS:
            errors["video_file"] = "Upload the video as an MP4 or WebM file."
        if self.captions_id:
            if not self.video_file_id:
                errors["captions"] = "Captions go with an uploaded video file."
            elif self.captions.file_extension.lower() != "vtt":
                errors["captions"] = "Upload captions as a WebVTT (.vtt) file."
        if errors:
            raise ValidationError(errors)

    @property
    def video(self):
        """What the template needs to show the video, or None while there is none."""
        parsed = parse_video_url(self.video_url)
        if parsed:
            host, video_id = parsed
            if host == "youtube":
                return {
                    "kind": "embed",
                    "host": "YouTube",
                    "watch_url": f"https://www.youtube.com/watch?v={video_id}",
                    # The privacy-enhanced domain: no cookies until the visitor plays.
                    "embed_url": f"https://www.youtube-nocookie.com/embed/{video_id}?"
                    + urlencode({"autoplay": 1, "rel": 0}),
                }
            return {
                "kind": "embed",
                "host": "Vimeo",
                "watch_url": f"https://vimeo.com/{video_id}",
                "embed_url": f"https://player.vimeo.com/video/{video_id}?"
                + urlencode({"dnt": 1, "autoplay": 1}),
            }
        if self.video_file_id:
            return {
                "kind": "file",
                "url": self.video_file.url,
                "type": VIDEO_EXTENSIONS.get(self.video_file.file_extension.lower(), ""),
                "captions_url": self.captions.url if self.captions_id else "",
            }
        return None

    @property
    def display_duration(self):
        if not self.duration:
            return ""
        minutes, seconds = divmod(int(self.duration.total_seconds()), 60)
        if minutes and seconds:
            return f"{minutes} min {seconds} s"
        return f"{minutes} min" if minutes else f"{seconds} s"

    @property
    def iso_duration(self):
        if not self.duration:
            return ""
        total = int(self.duration / timedelta(seconds=1))
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        return "PT" + "".join(
            f"{value}{unit}"
            for value, unit in ((hours, "H"), (minutes, "M"), (seconds, "S"))
            if value
        )

    def json_ld(self, request, publisher):
        data = {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "uploadDate": self.iso_date,
            "publisher": {"@type": "Organization", "name": publisher},
            "inLanguage": "en-GB",
            "transcript": strip_tags(self.transcript).strip(),
        }
        if self.iso_duration:
            data["duration"] = self.iso_duration
        if self.image_id:
            rendition = self.image.get_rendition("fill-1280x720")
            data["thumbnailUrl"] = request.build_absolute_uri(rendition.url)
        video = self.video
        if video and video["kind"] == "embed":
            data["embedUrl"] = video["embed_url"]
        elif video:
            data["contentUrl"] = request.build_absolute_uri(video["url"])
        return data

    def get_context(self, request, *args, **kwargs):
        from kindness.models import SiteSettings

        context = super().get_context(request, *args, **kwargs)
        publisher = SiteSettings.for_request(request).organisation_name
        publication = self.publication if self.publication_id else None
        context.update(
            video=self.video,
            strands=list(self.strands.live().order_by("title")),
            publication=publication if publication and publication.live else None,
            json_ld_data=self.json_ld(request, publisher),
        )
        return context


class LibraryFilterForm(forms.Form):
    """The library's filters, read from the query string. A bad value is simply ignored."""

    type = forms.ChoiceField(
        required=False,
        choices=[("", "All types"), *PublicationType.choices, ("film", "Film")],
    )
    strand = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="slug", empty_label="All strands"
    )
    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    author = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="slug", empty_label="All authors"
    )

    def __init__(self, *args, items, **kwargs):
        from people.models import PersonPage
        from programme.models import StrandPage

        super().__init__(*args, **kwargs)
        self.fields["strand"].queryset = StrandPage.objects.live().order_by("title")
        self.fields["author"].queryset = (
            PersonPage.objects.live()
            .filter(authored_publications__page__in=items)
            .distinct()
            .order_by("last_name", "title")
        )
        years = items.dates("date", "year", order="DESC")
        self.fields["year"].choices = [("", "All years")] + [
            (str(day.year), str(day.year)) for day in years
        ]

    def filter(self, items):
        """`items` narrowed by every filter whose value is valid."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("type") == "film":
            items = items.filter(filmpage__isnull=False)
        elif data.get("type"):
            items = items.filter(publicationpage__publication_type=data["type"])
        if data.get("strand"):
            items = items.filter(strands=data["strand"])
        if data.get("year"):
            items = items.filter(date__year=data["year"])
        if data.get("author"):
            items = items.filter(publicationpage__authors__person=data["author"])
        return items.distinct()

    @property
    def active(self):
        return any(self.cleaned_data.get(name) for name in self.fields)


class PublicationIndexPage(Page):
    """The library: every publication and film, newest first, with filters."""

    introduction = models.TextField(blank=True, help_text="A sentence or two above the list.")

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["programme.HomePage"]
    subpage_types = ["publications.PublicationPage", "publications.FilmPage"]
    max_count = 1

    class Meta:
        verbose_name = "library"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = LibraryItemPage.objects.child_of(self).live().public()
        form = LibraryFilterForm(request.GET, items=items)
        filtered = form.filter(items).newest_first().for_listing()
        page_obj = Paginator(filtered, PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(filter_form=form, items=page_obj, paginator=page_obj.paginator)
        return context
