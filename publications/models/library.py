"""What publications and films share, and the queryset every list of them is built from."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Prefetch
from django.utils.dateformat import format as date_format
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page, PageManager
from wagtail.search import index

from kindness.models import ShareMetadataMixin, SitePageQuerySet, require_image_description

from .authors import PublicationAuthor

# A film's own files, uploaded as documents: its video and its captions. They belong on a
# film page, never among a publication's downloads.
VIDEO_EXTENSIONS = {"mp4": "video/mp4", "webm": "video/webm"}
CAPTIONS_EXTENSION = "vtt"
FILM_FILE_EXTENSIONS = {*VIDEO_EXTENSIONS, CAPTIONS_EXTENSION}


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year only"


class LibraryItemQuerySet(SitePageQuerySet):
    def newest_first(self):
        return self.order_by("-date", "-pk")

    def for_listing(self, *, texts=False):
        """Everything a card shows, fetched in a fixed number of queries however many items.

        The child rows come with `select_related`, so a card can tell a film from a
        publication (and show its type) without loading each specific page. Their long
        texts, which a card never shows (a report's whole text: 2 ms of a listing to fetch
        and decode), are left in the database unless `texts`, for search snippets.
        """
        listing = self.select_related(
            "image", "publicationpage__pdf_cover__image", "filmpage"
        ).prefetch_related(
            "image__renditions",
            "publicationpage__pdf_cover__image__renditions",
            Prefetch("publicationpage__authors", queryset=PublicationAuthor.for_cards()),
        )
        return listing if texts else listing.defer(*LONG_TEXTS)


# What for_listing() leaves out: each item's long texts, as its specific type has them.
LONG_TEXTS = (
    "publicationpage__body",
    "publicationpage__report",
    "publicationpage__report_notes",
    "filmpage__transcript",
)


class LibraryItemPage(ShareMetadataMixin, Page):
    """What publications and films share: a date, a summary, strands and an image.

    A concrete parent of `PublicationPage` and `FilmPage` (multi-table inheritance) rather
    than an abstract mixin: the fields every list shows and filters on live in one table,
    so the library, a strand page, a person page and the feed each list publications and
    films together with one queryset, newest first, filtered and paginated in SQL, instead
    of merging two querysets in Python.
    """

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
        help_text="The cover or poster shown on this page, in lists and when it is shared. "
        "Its description is the alt text: give the image one under Images first.",
    )

    objects = PageManager.from_queryset(LibraryItemQuerySet)()

    # The editor's cover or poster, else the cover made from a publication's PDF.
    share_image_source = "cover_image"
    share_description_source = "summary"
    search_fields = [*Page.search_fields, index.SearchField("summary", boost=1.5)]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []
    # Editors create a publication or a film, never the shared parent on its own.
    is_creatable = False
    page_description = "What publications and films share: never added on its own."

    class Meta:
        verbose_name = "library item"

    @classmethod
    def date_panels(cls):
        return MultiFieldPanel(
            [FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")])],
            heading="Date",
        )

    def live_strands(self):
        """The page's live strands by title; works in previews, before the page is saved."""
        return list(self.strands.filter(live=True).order_by("title"))

    def clean(self):
        super().clean()
        require_image_description(self, "image")

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

    def _child(self, name):
        """This page as its specific type `name` ('publicationpage', 'filmpage'), or None."""
        if type(self) is not LibraryItemPage:
            return self if self._meta.model_name == name else None
        try:
            # Without select_related (see for_listing) this costs a query.
            return getattr(self, name)
        except ObjectDoesNotExist:
            return None

    @cached_property
    def as_publication(self):
        return self._child("publicationpage")

    @cached_property
    def as_film(self):
        return self._child("filmpage")

    @property
    def specific_item(self):
        """The publication or film this item is, without a query after for_listing()."""
        return self.as_publication or self.as_film or self

    @property
    def type_label(self):
        if self.as_film is not None:
            return "Film"
        if self.as_publication is not None:
            return self.as_publication.get_publication_type_display()
        return ""

    @property
    def cover_image(self):
        """The picture shown for it: the editor's own, else, for a publication without one,
        the cover the documents worker made from its PDF's first page (PdfCover)."""
        if self.image_id:
            return self.image
        publication = self.as_publication
        if publication is None:
            return None
        try:
            return publication.pdf_cover.image
        except ObjectDoesNotExist:
            return None

    @property
    def author_names(self):
        publication = self.as_publication
        if publication is None:
            return []
        return [author.display_name for author in publication.authors.all()]
