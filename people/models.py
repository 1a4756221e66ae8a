from urllib.parse import urlsplit

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from kindness.models import ShareMetadataMixin, SitePageQuerySet, require_image_description
from kindness.navigation import OneQueryRouteMixin
from kindness.panels import tabs
from kindness.sharing import absolute_url

from .vcard import vcard

# Sites a person's profile may live on, by host: the network names links and their
# accessible names ("Jennifer Wallace on LinkedIn").
NETWORKS = {
    "linkedin.com": "LinkedIn",
    "bsky.app": "Bluesky",
    "x.com": "X",
    "twitter.com": "X",
    "mastodon.social": "Mastodon",
    "threads.net": "Threads",
    "facebook.com": "Facebook",
    "instagram.com": "Instagram",
    "youtube.com": "YouTube",
    "github.com": "GitHub",
    "orcid.org": "ORCID",
    "scholar.google.com": "Google Scholar",
}


def network_for(url):
    """The network a URL belongs to ('LinkedIn'), or '' for any other website."""
    host = (urlsplit(url).hostname or "").lower()
    for domain, name in NETWORKS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return ""


# A page of the people index: four rows of cards at the widest.
PEOPLE_PER_PAGE = 24


def split_name(name, family_name=""):
    """(family name, given names) of a name as commonly written, for sorting and citing.

    The family name is `family_name` when given (for a name such as 'Ana de la Cruz'),
    otherwise the name's last word: 'Julia Unwin' is ('Unwin', 'Julia').
    """
    name = " ".join(name.split())
    family = family_name.strip() or name.rpartition(" ")[2]
    return family, name.removesuffix(family).strip()


class PeopleIndexPage(OneQueryRouteMixin, ShareMetadataMixin, Page):
    """The people behind the programme, grouped by how they work with it."""

    social_card_type = "People"

    introduction = models.TextField(blank=True, help_text="A sentence or two above the list.")
    list_outside_authors = models.BooleanField(
        default=False,
        help_text="Also list outside authors, in a group of their own. Their pages exist "
        "either way, so the author links on publications always work.",
    )

    share_description_source = "introduction"
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("list_outside_authors"),
    ]

    parent_page_types = ["programme.HomePage"]
    subpage_types = ["people.PersonPage"]
    page_description = "The list of everyone behind the programme. A site has one."
    max_count = 1

    class Meta:
        verbose_name = "people index"

    def listed_kinds(self):
        kinds = [PersonPage.Kind.STAFF, PersonPage.Kind.ASSOCIATE]
        if self.list_outside_authors:
            kinds.append(PersonPage.Kind.AUTHOR)
        return kinds

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kinds = self.listed_kinds()
        listed = PersonPage.objects.child_of(self).live().public().filter(kind__in=kinds)
        # Group by group, then by surname (falling back to the name's last word when no
        # family name is given), which only Python knows: so the order is found from the
        # names alone, and only the page of people shown is fetched with its photos.
        order = sorted(
            listed.values_list("pk", "kind", "title", "last_name"),
            key=lambda row: (
                kinds.index(row[1]),
                split_name(row[2], row[3])[0].casefold(),
                row[2],
            ),
        )
        page_obj = Paginator([row[0] for row in order], PEOPLE_PER_PAGE).get_page(
            request.GET.get("page")
        )
        shown = PersonPage.objects.filter(pk__in=page_obj.object_list).for_cards().in_bulk()
        people = [shown[pk] for pk in page_obj.object_list if pk in shown]
        context["groups"] = [
            (GROUP_HEADINGS[kind], [person for person in people if person.kind == kind])
            for kind in kinds
        ]
        context["page_obj"] = page_obj
        return context


class PersonQuerySet(SitePageQuerySet):
    def for_cards(self):
        """With what a person card shows (the photo and its renditions) fetched up front."""
        return self.select_related("photo").prefetch_related("photo__renditions")


class PersonPage(RoutablePageMixin, ShareMetadataMixin, Page):
    """One person: a member of staff, an associate or fellow, or an outside author.

    The page title is the person's name as commonly written ("Julia Unwin"); honorifics
    are kept apart so that lists sort by surname, citations and vCards get the parts right,
    and headings still read "Julia Unwin DBE" and "Dr Elizabeth Kelly".
    """

    class Kind(models.TextChoices):
        STAFF = "staff", "Staff"
        ASSOCIATE = "associate", "Associate or fellow"
        AUTHOR = "author", "Author"

    share_image_source = "photo"
    share_description_source = "role_line"

    honorific_prefix = models.CharField(
        max_length=20, blank=True, help_text="Before the name, for example 'Dr' or 'Professor'."
    )
    honorific_suffix = models.CharField(
        max_length=40, blank=True, help_text="After the name, for example 'DBE' or 'OBE'."
    )
    last_name = models.CharField(
        "family name",
        max_length=80,
        blank=True,
        help_text="Sorts lists by surname, and fills citations and the vCard. Leave empty "
        "when it is simply the last word of the name.",
    )
    kind = models.CharField(
        "works with the programme as",
        max_length=20,
        choices=Kind.choices,
        default=Kind.STAFF,
        help_text="Staff, associates and fellows are listed on the people page; outside "
        "authors have a page of their own so author links work. Only staff pages offer a "
        "vCard.",
    )
    role = models.CharField(
        max_length=120, blank=True, help_text="Their job title, for example 'Head of Policy'."
    )
    organisation = models.CharField(
        max_length=120, blank=True, help_text="Where they work, for example 'Carnegie UK Trust'."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A portrait, ideally square: it is cropped to a circle. Its description is "
        "the alt text, for example 'Jennifer Wallace, smiling, in front of a bookcase'.",
    )
    biography = RichTextField(
        "short biography",
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Two or three sentences: who they are and what they do with the programme.",
    )
    email = models.EmailField(
        blank=True, help_text="A work address. Leave empty to show no email address."
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="A work number as it should be shown, for example '+44 1383 721445'.",
    )

    objects = PageManager.from_queryset(PersonQuerySet)()

    search_fields = [
        *Page.search_fields,
        index.SearchField("role"),
        index.SearchField("organisation"),
        index.SearchField("biography"),
    ]

    content_panels = [
        TitleFieldPanel(
            "title",
            heading="Name",
            help_text="As commonly written, without honorifics, for example 'Julia Unwin'.",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("honorific_prefix"), FieldPanel("honorific_suffix")]),
                FieldPanel("last_name"),
            ],
            heading="Honorifics and family name",
        ),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")], heading="Role"),
        FieldPanel("photo"),
        FieldPanel("biography"),
    ]
    contact_panels = [
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        InlinePanel(
            "links",
            heading="Links",
            label="Link",
            help_text="Their website and profiles elsewhere, in the order to show them.",
        ),
    ]
    edit_handler = tabs(content_panels, ObjectList(contact_panels, heading="Contact"))

    parent_page_types = ["people.PeopleIndexPage"]
    page_description = (
        "One person: a member of staff, an associate or fellow, or an outside author, with "
        "their role, photo and how to reach them."
    )
    subpage_types = []

    class Meta:
        verbose_name = "person"

    @property
    def full_name(self):
        """The name with honorifics: 'Dr Elizabeth Kelly', 'Julia Unwin DBE'."""
        return " ".join(
            part for part in (self.honorific_prefix, self.title, self.honorific_suffix) if part
        )

    @property
    def family_name(self):
        return split_name(self.title, self.last_name)[0]

    @property
    def given_names(self):
        return split_name(self.title, self.last_name)[1]

    @property
    def role_line(self):
        return ", ".join(part for part in (self.role, self.organisation) if part)

    @property
    def phone_link(self):
        """A tel: address for the phone number: '+44 (0)1383 721445' dials +441383721445."""
        number = self.phone.replace("(0)", "")
        return "tel:" + "".join(char for char in number if char.isdigit() or char == "+")

    @property
    def has_vcard(self):
        return self.kind == self.Kind.STAFF

    def clean(self):
        super().clean()
        require_image_description(self, "photo")

    def strands(self):
        """The live strands this person leads or is a contact for, current work first and
        then newest first, each with the roles they have in it: two queries, however many."""
        if self.pk is None:
            return []
        roles = {}
        # "lead" sorts after "contact": reversed, a lead's role comes first.
        for link in self.strand_roles.order_by("-role"):
            roles.setdefault(link.page_id, []).append(link.get_role_display())
        # Strands belong to the programme app, a layer above this one: reached through the
        # reverse relation, never imported.
        StrandPage = self.strand_roles.model._meta.get_field("page").related_model
        strands = (
            StrandPage.objects.live()
            .public()
            .filter(pk__in=list(roles))
            .in_display_order()
            .order_by("status_order", "-start_year", "title")
        )
        return [(strand, roles[strand.pk]) for strand in strands]

    def photo_url(self, request):
        if not self.photo:
            return ""
        return absolute_url(request, self.photo.get_rendition("fill-400x400|format-jpeg").url)

    def json_ld(self, request, links):
        """schema.org Person data for this page."""
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": self.full_name,
            "givenName": self.given_names,
            "familyName": self.family_name,
            "url": self.get_full_url(request),
        }
        optional = {
            "honorificPrefix": self.honorific_prefix,
            "honorificSuffix": self.honorific_suffix,
            "jobTitle": self.role,
            "email": self.email,
            "telephone": self.phone,
            "image": self.photo_url(request),
            "description": strip_tags(self.biography).strip(),
        }
        data.update({key: value for key, value in optional.items() if value})
        if self.organisation:
            data["worksFor"] = {"@type": "Organization", "name": self.organisation}
        if links:
            data["sameAs"] = [link.url for link in links]
        return data

    def vcard(self, request):
        return vcard(
            full_name=self.full_name,
            family_name=self.family_name,
            given_names=self.given_names,
            prefix=self.honorific_prefix,
            suffix=self.honorific_suffix,
            title=self.role,
            organisation=self.organisation,
            email=self.email,
            phone=self.phone,
            url=self.get_full_url(request),
        )

    @path("vcard/", name="vcard")
    def vcard_view(self, request):
        """The contact as a vCard, for staff: associates and authors are not ours to give."""
        if not self.has_vcard:
            raise Http404("Only staff pages offer a vCard.")
        response = HttpResponse(self.vcard(request), content_type="text/vcard; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.vcf"'
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = list(self.links.all())
        context.update(
            links=links,
            strands=self.strands(),
            vcard_url=self.url + self.reverse_subpage("vcard")
            if self.has_vcard and self.url
            else "",
            json_ld_data=self.json_ld(request, links),
        )
        return context


# The people index's headings, one for each kind of person it lists.
GROUP_HEADINGS = {
    PersonPage.Kind.STAFF: "Staff",
    PersonPage.Kind.ASSOCIATE: "Associates and fellows",
    PersonPage.Kind.AUTHOR: "Authors",
}


class PersonLink(Orderable):
    """A link to the person elsewhere: their website or a profile on a known network."""

    page = ParentalKey(PersonPage, on_delete=models.CASCADE, related_name="links")
    url = models.URLField("URL", help_text="The full address, starting with https://.")
    label = models.CharField(
        max_length=80,
        blank=True,
        help_text="Leave empty for LinkedIn, Bluesky and other known networks, which are "
        "named for you, or for 'Website'. Otherwise say what it is, for example "
        "'Research profile'.",
    )

    panels = [FieldPanel("url"), FieldPanel("label")]

    def __str__(self):
        return self.text

    @property
    def network(self):
        return network_for(self.url)

    @property
    def text(self):
        """What the link says: its label, the network's name, or 'Website'."""
        return self.label or self.network or "Website"

    @property
    def accessible_prefix(self):
        """Words for screen readers before the link text: 'Julia Unwin on ' LinkedIn."""
        name = self.page.full_name
        return f"{name} on " if self.network and not self.label else f"{name}: "
