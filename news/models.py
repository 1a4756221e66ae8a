"""News posts and the news index that lists them, newest first, by strand."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.dateformat import format as date_format
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageLogEntry, PageManager, Site
from wagtail.search import index

from delivery import page_cache
from kindness.models import (
    ShareMetadataMixin,
    SitePageQuerySet,
    SiteSettings,
    require_image_description,
)
from kindness.navigation import OneQueryRouteMixin, sections
from news.forms import NewsFilterForm
from people.blocks import BodyBlock
from programme.models import StrandPage

PAGE_SIZE = 10


class NewsAuthor(Orderable):
    """One author of a post: a person with a page on the site."""

    page = ParentalKey("news.NewsPostPage", on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "people.PersonPage",
        on_delete=models.CASCADE,
        related_name="news_authorships",
        help_text="The author's person page. Add a person page under People first if they "
        "have none.",
    )

    panels = [FieldPanel("person")]

    def __str__(self):
        return self.person.full_name

    @classmethod
    def for_cards(cls):
        """Authors with what a card prints of them, their names, in one query a list."""
        return cls.objects.select_related("person").only(
            "page_id",
            "sort_order",
            "person__title",
            "person__honorific_prefix",
            "person__honorific_suffix",
            "person__live",
            "person__url_path",
        )


class NewsPostQuerySet(SitePageQuerySet):
    def newest_first(self):
        return self.order_by("-date", "-pk")

    def for_listing(self):
        """Everything a card shows, in a fixed number of queries however many posts: the
        picture and its renditions, the authors' names. The body, which a card never
        shows, stays in the database."""
        return (
            self.select_related("image")
            .prefetch_related(
                "image__renditions", Prefetch("authors", queryset=NewsAuthor.for_cards())
            )
            .defer("body")
        )


class NewsPostPage(ShareMetadataMixin, Page):
    """A piece of news: what the programme published, did or is about to do."""

    social_card_type = "News"

    date = models.DateField(
        default=timezone.localdate,
        help_text="The day of the news, shown on the post and in lists; the newest is first.",
    )
    summary = models.TextField(
        max_length=400,
        help_text="One or two sentences: shown under the title, in lists and in the feed.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="The news itself: text, pictures, quotes, and whom to speak to about it.",
    )
    strands = ParentalManyToManyField(
        "programme.StrandPage",
        blank=True,
        related_name="news_posts",
        help_text="The strands this news is about: the post is listed on their pages.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a picture shown on the post, in lists and when it is shared. "
        "Its description is the alt text: give the image one under Images first.",
    )

    objects = PageManager.from_queryset(NewsPostQuerySet)()

    share_image_source = "image"
    share_description_source = "summary"
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        InlinePanel(
            "authors",
            heading="Authors",
            label="Author",
            help_text="Who wrote the post, in the order the byline names them.",
        ),
        FieldPanel("strands", widget=forms.CheckboxSelectMultiple),
        FieldPanel("image", heading="Picture"),
        FieldPanel("body"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    page_description = "A news post: what the programme published, did or plans, with a date."

    class Meta:
        verbose_name = "news post"

    def clean(self):
        super().clean()
        require_image_description(self, "image")

    @property
    def display_date(self):
        return date_format(self.date, "j F Y")

    @property
    def author_names(self):
        return [author.person.full_name for author in self.authors.all()]

    def live_strands(self):
        """The post's live strands by title; works in previews, before the post is saved."""
        return list(self.strands.filter(live=True).order_by("title"))

    def json_ld(self, request, authors):
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "mainEntityOfPage": self.get_full_url(request),
            "datePublished": self.date.isoformat(),
            "publisher": {
                "@type": "Organization",
                "name": SiteSettings.for_request(request).organisation_name,
            },
            "inLanguage": "en-GB",
        }
        # Who wrote it, or, for a post that names no one, the programme.
        data["author"] = [
            {"@type": "Person", "name": author.person.full_name}
            | ({"url": author.person.get_full_url(request)} if author.person.live else {})
            for author in authors
        ] or [data["publisher"]]
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.image:
            rendition = self.image.get_rendition("fill-1200x675|format-jpeg")
            data["image"] = [request.build_absolute_uri(rendition.url)]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        authors = list(self.authors.select_related("person"))
        context.update(
            authors=authors,
            strands=self.live_strands(),
            news_index=self.get_parent(),
            json_ld_data=self.json_ld(request, authors),
        )
        return context


class NewsIndexPage(OneQueryRouteMixin, ShareMetadataMixin, Page):
    """Every news post, newest first, a page at a time, with a filter by strand."""

    social_card_type = ""

    introduction = models.TextField(blank=True, help_text="A sentence or two above the list.")

    share_description_source = "introduction"
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["programme.HomePage"]
    subpage_types = ["news.NewsPostPage"]
    max_count = 1
    page_description = (
        "The programme's news, newest first, with a filter by strand. A site has one."
    )

    class Meta:
        verbose_name = "news index"

    def posts(self):
        return NewsPostPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        strands = StrandPage.objects.live().order_by("title").values_list("slug", "title", "pk")
        form = NewsFilterForm(request.GET, strands=tuple(strands))
        posts = form.filter(self.posts()).newest_first().for_listing()
        page_obj = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(filter_form=form, posts=page_obj, paginator=page_obj.paginator)
        return context


def news_index(request):
    """The live news index, among the site's sections: no query in a request that has them."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return next(
        (
            page
            for page in sections(request, site.root_page)
            if isinstance(page, NewsIndexPage) and page.live
        ),
        None,
    )


def listing_pages(post):
    """The live pages that list `post` besides its parents: its strands and its authors."""
    strands = list(post.strands.filter(live=True))
    people = [author.person for author in post.authors.select_related("person")]
    return [page for page in (*strands, *people) if page.live]


def forget_earlier_listings(sender, instance, revision=None, **kwargs):
    """A post that leaves a strand or loses an author must leave their pages too: the page
    cache forgets the pages its previous live version was listed on. (The pages it is on
    now come through the `page_cache_paths` hook.) Wagtail's signal does not say which
    version was live before; its log of publishes does."""
    earlier = (
        PageLogEntry.objects.filter(page=instance, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if earlier is None:
        return
    paths = {page_cache.page_path(page) for page in listing_pages(earlier.revision.as_object())}
    paths.discard(None)
    if paths:
        page_cache.invalidate(paths)
