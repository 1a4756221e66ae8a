"""The newsletter's pages: each issue, written in Wagtail, and the archive of past issues.

An issue's published page is its copy on the web; the same content goes out by email
(`newsletter.issues`). Kept apart from `models.py` (the subscribers and the sending), and
imported there so Django finds them.
"""

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from kindness.models import ShareMetadataMixin, SitePageQuerySet
from kindness.navigation import OneQueryRouteMixin
from newsletter.blocks import NewsletterBodyBlock

ARCHIVE_PAGE_SIZE = 12
PREVIEW_EMAIL = "email"
PREVIEW_TEXT = "text"


class NewsletterIssueQuerySet(SitePageQuerySet):
    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def for_listing(self):
        """What the archive and the feed show: no bodies."""
        return self.defer("body")


class NewsletterIssuePage(ShareMetadataMixin, Page):
    """One issue of the newsletter: a page on the site, and the email subscribers receive."""

    share_description_source = "introduction"

    introduction = models.TextField(
        max_length=400,
        help_text="One or two sentences: what this issue brings. Shown at the top of the "
        "email and the page, in the archive and in the feed.",
    )
    body = StreamField(
        NewsletterBodyBlock(),
        help_text="The issue itself: text, headings, quotes, pictures, the people to speak "
        "to and cards for publications and films. It reads the same on the web and by email.",
    )

    objects = PageManager.from_queryset(NewsletterIssueQuerySet)()

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    # What an approver signs off: the page, and the email exactly as a subscriber gets it.
    preview_modes = [
        ("", "Web page"),
        (PREVIEW_EMAIL, "Email (HTML)"),
        (PREVIEW_TEXT, "Email (plain text)"),
    ]

    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []
    page_description = (
        "An issue of the newsletter: published here in the archive, and sent by email to "
        "every subscriber."
    )

    class Meta:
        verbose_name = "newsletter issue"

    @property
    def date(self):
        """When the issue came out: first published (a draft's preview: none yet)."""
        return self.first_published_at

    def serve_preview(self, request, mode_name):
        """The email made from this object as it stands (the draft in the editor's form, or
        the revision being approved), addressed to the person previewing it."""
        if mode_name in (PREVIEW_EMAIL, PREVIEW_TEXT):
            from newsletter.issues import issue_email, preview_subscriber

            message = issue_email(
                self, preview_subscriber(request.user), message_id="<preview@localhost>"
            )
            if mode_name == PREVIEW_TEXT:
                return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
            return HttpResponse(message.alternatives[0][0], content_type="text/html; charset=utf-8")
        return super().serve_preview(request, mode_name)


class NewsletterIndexPage(OneQueryRouteMixin, ShareMetadataMixin, Page):
    """The newsletter's archive: every past issue, newest first, and its feed."""

    share_description_source = "introduction"

    introduction = models.TextField(blank=True, help_text="A sentence or two above the list.")

    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["programme.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count = 1
    page_description = "The archive of the newsletter's past issues. A site has one."

    class Meta:
        verbose_name = "newsletter archive"

    def issues(self):
        return NewsletterIssuePage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = self.issues().newest_first().for_listing()
        # A page number that is not one (a word, out of range) shows the nearest page.
        page_obj = Paginator(issues, ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(issues=page_obj, paginator=page_obj.paginator)
        return context
