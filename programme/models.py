from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from kindness.models import ShareMetadataMixin, SitePageQuerySet
from kindness.navigation import OneQueryRouteMixin, sections
from kindness.panels import tabs
from people.blocks import BodyBlock

from .blocks import LandingBodyBlock


class HomePage(OneQueryRouteMixin, ShareMetadataMixin, Page):
    """The programme's landing page: the brief, its strands, and whom to speak to."""

    share_description_source = "introduction"
    # Its social card names no type: its title is the programme's name (social_cards).
    social_card_type = ""

    introduction = models.TextField(
        help_text="The opening paragraph, shown large under the page title."
    )
    body = StreamField(
        LandingBodyBlock(),
        blank=True,
        help_text="The rest of the page: text, the programme timeline, current work, "
        "quotes, pictures and the people to speak to.",
    )
    facebook_link_text = models.CharField(
        max_length=80,
        default="Follow Kinder Communities on Facebook",
        help_text="Shown with the Facebook address from the site settings; "
        "hidden while no address is set there.",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    edit_handler = tabs(
        [
            *Page.content_panels,
            FieldPanel("introduction"),
            FieldPanel("body"),
            FieldPanel("facebook_link_text"),
        ]
    )

    parent_page_types = ["wagtailcore.Page"]

    def child_for_route(self, request, slug):
        # The sections are fetched once per request for the navigation and the footer.
        return next((page for page in sections(request, self) if page.slug == slug), None)

    page_description = "The landing page at the top of the site. A site has one."
    subpage_types = [
        "programme.StrandIndexPage",
        "people.PeopleIndexPage",
        "publications.PublicationIndexPage",
        "news.NewsIndexPage",
        "events.EventIndexPage",
        "programme.ContentPage",
        "newsletter.NewsletterIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"


class ContentPage(ShareMetadataMixin, Page):
    """A page of the site's own: about the programme, the privacy notice, and the like."""

    # "Content page" is the editors' word: its social card shows the title alone.
    social_card_type = ""

    share_description_source = "introduction"

    introduction = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences under the title, saying what the page is for. "
        "Also shown in search results.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="The page itself: text, headings, quotes, pictures and the people to speak to.",
    )
    show_in_footer = models.BooleanField(
        default=False,
        help_text="Link to this page from the footer of every page, as for the privacy "
        "notice and the accessibility statement.",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    promote_panels = [
        *ShareMetadataMixin.promote_panels,
        MultiFieldPanel([FieldPanel("show_in_footer")], heading="For the footer"),
    ]

    parent_page_types = ["programme.HomePage"]
    subpage_types = []
    page_description = (
        "A page of text about the programme or the site, such as About, the privacy notice "
        "or the accessibility statement."
    )

    class Meta:
        verbose_name = "content page"


class StrandIndexPage(OneQueryRouteMixin, ShareMetadataMixin, Page):
    """Lists the programme's strands, current work first."""

    share_description_source = "introduction"
    social_card_type = "Strands"

    introduction = models.TextField(blank=True, help_text="A sentence or two above the list.")

    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["programme.HomePage"]
    subpage_types = ["programme.StrandPage"]
    page_description = "The list of the programme's strands of work. A site has one."
    max_count = 1

    class Meta:
        verbose_name = "strand index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["strands"] = StrandPage.objects.child_of(self).live().in_display_order()
        return context


class StrandQuerySet(SitePageQuerySet):
    def in_display_order(self):
        """Current strands first, then completed, then related work; oldest first in each."""
        status_order = Case(
            When(status=StrandPage.Status.CURRENT, then=Value(0)),
            When(status=StrandPage.Status.COMPLETED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return self.annotate(status_order=status_order).order_by(
            "status_order", "start_year", "title"
        )


class StrandPage(ShareMetadataMixin, Page):
    """One strand of the programme: what it did, when, with whom, and what came of it."""

    share_description_source = "summary"

    class Status(models.TextChoices):
        CURRENT = "current", "Current"
        COMPLETED = "completed", "Completed"
        RELATED = "related", "Related work"

    summary = models.TextField(
        max_length=400, help_text="One or two sentences: shown in lists and search results."
    )
    start_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text="The year the work began, for example 2018.",
    )
    end_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text="Leave empty while the work is ongoing.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.CURRENT,
        help_text="Current work is listed first. 'Related work' is work of the Trust's that "
        "the programme influenced.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="The strand's story: text, headings, quotes, pictures and the people to "
        "speak to.",
    )

    objects = PageManager.from_queryset(StrandQuerySet)()

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    edit_handler = tabs(
        [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")],
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
                        FieldPanel("status"),
                    ],
                    heading="When",
                ),
                InlinePanel(
                    "partners",
                    heading="Partners",
                    label="Partner",
                    help_text="Organisations and people the programme worked with.",
                ),
                InlinePanel(
                    "strand_people",
                    heading="People",
                    label="Person",
                    help_text="Who leads this strand, and whom readers should contact.",
                ),
            ],
            heading="Details",
        ),
    )

    parent_page_types = ["programme.StrandIndexPage"]
    page_description = (
        "One strand of the programme's work: when it ran, with whom, and what came of it."
    )
    subpage_types = []

    class Meta:
        verbose_name = "strand"

    @property
    def period(self):
        """'2016–2017', '2018', or '2020–present' while ongoing."""
        if self.end_year is None:
            return f"{self.start_year}–present"
        if self.end_year == self.start_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"

    def clean(self):
        super().clean()
        if self.end_year is not None and self.start_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": "The end year cannot be before the start year."})
        if self.status == self.Status.CURRENT and self.end_year is not None:
            raise ValidationError(
                {"end_year": "Current work has no end year: leave it empty or mark it completed."}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = self.partners.all()
        context["people"] = [
            link
            for link in self.strand_people.select_related("person", "person__photo")
            if link.person.live
        ]
        return context


class StrandPartner(Orderable):
    page = ParentalKey(StrandPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200, help_text="For example 'North Ayrshire Council'.")
    url = models.URLField(blank=True, help_text="Their website, if they have one.")

    panels = [FieldPanel("name"), FieldPanel("url")]

    def __str__(self):
        return self.name


class StrandPerson(Orderable):
    class Role(models.TextChoices):
        LEAD = "lead", "Leads this strand"
        CONTACT = "contact", "Contact"

    page = ParentalKey(StrandPage, on_delete=models.CASCADE, related_name="strand_people")
    person = models.ForeignKey(
        "people.PersonPage",
        on_delete=models.CASCADE,
        related_name="strand_roles",
        help_text="Their person page. Their strand pages then list them, and their page "
        "lists the strand.",
    )
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        default=Role.CONTACT,
        help_text="Whether they lead the strand or are a contact for it.",
    )

    panels = [FieldPanel("person"), FieldPanel("role")]
