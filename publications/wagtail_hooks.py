"""Wagtail hooks of the library: what the page cache forgets, the Downloads report, and what
the library shows on the pages of the apps below it (their slots)."""

from urllib.parse import urlencode

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from delivery.page_cache import page_path
from kindness.slots import SlotComponent
from publications.download_report import DownloadReportView
from publications.downloads import download_permission_policy
from publications.health import PublicationHealthView
from publications.models import LibraryItemPage, PublicationIndexPage, PublicationPage
from publications.models.index import library_page
from publications.report import chapters_of


@hooks.register("page_cache_paths")
def library_and_feed(page):
    """The library and the feed list the newest items, and the library's authors their
    authors, so any publish may change them."""
    libraries = PublicationIndexPage.objects.live()
    return [
        reverse("publications-feed"),
        reverse("publications-authors"),
        *(page_path(library) for library in libraries),
    ]


@hooks.register("page_cache_paths")
def strands_and_authors(page):
    """A publication or film is listed on its strands' pages, and a publication on its
    authors' person pages ("Written by")."""
    if not isinstance(page, LibraryItemPage):
        return []
    listing_pages = list(page.strands.all())
    if isinstance(page, PublicationPage):
        listing_pages += [author.person for author in page.authors.exclude(person=None)]
    return [page_path(each) for each in listing_pages]


@hooks.register("register_admin_urls")
def download_report_urls():
    return [
        path("reports/downloads/", DownloadReportView.as_view(), name="download_report"),
        path(
            "reports/downloads/results/",
            DownloadReportView.as_view(results_only=True),
            name="download_report_results",
        ),
    ]


class DownloadReportMenuItem(MenuItem):
    def is_shown(self, request):
        return download_permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def download_report_menu_item():
    return DownloadReportMenuItem(
        "Downloads", reverse("download_report"), name="downloads", icon_name="download", order=650
    )


@hooks.register("register_permissions")
def download_report_permission():
    """Lets a group be given the report in Settings > Groups."""
    return Permission.objects.filter(
        content_type__app_label="publications", codename="view_downloadcount"
    )


@hooks.register("page_cache_paths")
def report_chapters(page):
    """A report's chapters have addresses of their own, under the publication's."""
    if not isinstance(page, PublicationPage):
        return []
    base = page_path(page)
    if base is None:
        return []
    # The first chapter is the page itself, already forgotten.
    return [chapter.url for chapter in chapters_of(page.report, base)[1:]]


# What the library adds to the pages of the apps below it, through their slots
# (kindness.slots): the feed's link in every page's head, what a person wrote, and the
# newest items of a strand.

# A strand page shows this many of its newest publications and films, then links to the
# library filtered to the strand: a long strand's page stays a page, not a catalogue.
STRAND_ITEMS = 6
# A person page shows this many of the newest things they wrote, then links to the library
# filtered to them.
PERSON_ITEMS = 6


class FeedLink(SlotComponent):
    template_name = "publications/includes/feed_link.html"


@hooks.register("slot:head_links")
def feed_link(context):
    return FeedLink()


class WrittenBy(SlotComponent):
    """The newest live publications a person wrote, at most PERSON_ITEMS, as cards; and,
    when they wrote more, a link to the library filtered to them: a prolific author's page
    stays a page, as a strand's does."""

    template_name = "publications/includes/authored_by.html"

    def __init__(self, person, request):
        self.person = person
        self.request = request

    def get_context_data(self, parent_context=None):
        publications = list(
            LibraryItemPage.objects.live()
            .public()
            .filter(publicationpage__authors__person=self.person)
            .distinct()
            .newest_first()
            .for_listing()[: PERSON_ITEMS + 1]
        )
        more_url = None
        if len(publications) > PERSON_ITEMS:
            publications = publications[:PERSON_ITEMS]
            library = library_page(self.request)
            if library is not None:
                query = urlencode({"author": self.person.slug})
                more_url = f"{library.get_url(self.request)}?{query}"
        return {"publications": publications, "more_url": more_url}


@hooks.register("slot:person_written_by")
def written_by(context):
    person = context["page"]
    # An unsaved page, in preview, has written nothing yet.
    return WrittenBy(person, context.get("request")) if person.pk else None


class StrandItems(SlotComponent):
    """The newest live publications and films of a strand, at most STRAND_ITEMS, as cards;
    and, when it has more, a link to the library filtered to the strand."""

    template_name = "publications/includes/strand_items.html"

    def __init__(self, strand, request):
        self.strand = strand
        self.request = request

    def get_context_data(self, parent_context=None):
        items = list(
            self.strand.library_items.live()
            .public()
            .newest_first()
            .for_listing()[: STRAND_ITEMS + 1]
        )
        more_url = None
        if len(items) > STRAND_ITEMS:
            items = items[:STRAND_ITEMS]
            library = library_page(self.request)
            if library is not None:
                query = urlencode({"strand": self.strand.slug})
                more_url = f"{library.get_url(self.request)}?{query}"
        return {"library": {"items": items, "more_url": more_url}}


@hooks.register("slot:strand_items")
def strand_items(context):
    strand = context["page"]
    # A preview of a strand not yet saved: nothing is tagged with it.
    return StrandItems(strand, context.get("request")) if strand.pk else None


@hooks.register("register_admin_urls")
def publication_health_urls():
    return [
        path(
            "reports/publication-health/",
            PublicationHealthView.as_view(),
            name="publication_health",
        )
    ]


@hooks.register("register_reports_menu_item")
def publication_health_menu_item():
    return MenuItem(
        "Publication health",
        reverse("publication_health"),
        name="publication-health",
        icon_name="warning",
        order=660,
    )
