from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from kindness.models import ShareMetadataMixin


class PeopleIndexPage(ShareMetadataMixin, Page):
    """The people behind the programme, grouped by how they work with it."""

    introduction = models.TextField(blank=True, help_text="A sentence or two above the list.")

    share_description_source = "introduction"
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["programme.HomePage"]
    subpage_types = ["people.PersonPage"]
    max_count = 1

    class Meta:
        verbose_name = "people index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        people = (
            PersonPage.objects.child_of(self)
            .live()
            .exclude(kind=PersonPage.Kind.AUTHOR)
            .select_related("photo")
            .order_by("kind", "last_name", "title")
        )
        context["groups"] = [
            (label, [person for person in people if person.kind == value])
            for value, label in PersonPage.Kind.choices
            if value != PersonPage.Kind.AUTHOR
        ]
        return context


class PersonPage(ShareMetadataMixin, Page):
    """One person: a member of staff, an associate or fellow, or an outside author.

    The page title is the person's name as commonly written ("Julia Unwin"); honorifics
    are kept apart so lists can sort by surname and headings read right.
    """

    class Kind(models.TextChoices):
        STAFF = "staff", "Staff"
        ASSOCIATE = "associate", "Associates and fellows"
        AUTHOR = "author", "Authors"

    share_image_source = ("photo", "photo_alt_text")
    share_description_source = "role_line"

    honorific_prefix = models.CharField(
        max_length=20, blank=True, help_text="Before the name, for example 'Dr' or 'Professor'."
    )
    honorific_suffix = models.CharField(
        max_length=40, blank=True, help_text="After the name, for example 'DBE' or 'OBE'."
    )
    last_name = models.CharField(
        max_length=80, blank=True, help_text="Used to sort lists of people by surname."
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.STAFF,
        help_text="Staff, associates and fellows are listed on the people page; "
        "outside authors have a page of their own but are not listed.",
    )
    role = models.CharField(max_length=120, blank=True, help_text="For example 'Head of Policy'.")
    organisation = models.CharField(max_length=120, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A portrait, ideally square. Give the image a description in the image library.",
    )
    photo_alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="What the photo shows, for people who cannot see it. Required with a photo.",
    )
    biography = RichTextField(features=["bold", "italic", "link"], blank=True)
    email = models.EmailField(blank=True, help_text="Leave empty to show no email address.")
    phone = models.CharField(max_length=40, blank=True)

    search_fields = [
        *Page.search_fields,
        index.SearchField("role"),
        index.SearchField("organisation"),
        index.SearchField("biography"),
    ]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("honorific_prefix"), FieldPanel("honorific_suffix")]),
                FieldPanel("last_name"),
                FieldPanel("kind"),
            ],
            heading="Name and listing",
        ),
        MultiFieldPanel(
            [FieldPanel("role"), FieldPanel("organisation")],
            heading="Role",
        ),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")], heading="Photo"),
        FieldPanel("biography"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading="Contact"),
    ]

    parent_page_types = ["people.PeopleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "person"

    @property
    def full_name(self):
        return " ".join(
            part for part in (self.honorific_prefix, self.title, self.honorific_suffix) if part
        )

    @property
    def role_line(self):
        return ", ".join(part for part in (self.role, self.organisation) if part)

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt_text.strip():
            raise ValidationError(
                {"photo_alt_text": "Describe the photo for people who cannot see it."}
            )
