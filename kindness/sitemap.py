"""The sitemap: an index of sections, one per app with pages, each every live and public
page of that app's types, SECTION_SIZE entries a document at most.

One document of every page grew with the site (143 kB and 190 ms at ten times the demo
content): the index (`/sitemap.xml`, which robots.txt names) costs two queries a section
however many pages there are, and a section's document (`/sitemap-<app>.xml`, then
`?p=2`...) never holds more than SECTION_SIZE entries.

Each section is Wagtail's sitemap narrowed to its pages, without building a page for each.

Wagtail loads every page as its specific type (a query a type) and asks each for its
entry: its full URL and when it last changed. No page type here changes its entry, so
the entries are written from three columns of each page's row, in one query: building
160 pages and their URLs one by one was most of the sitemap's 25 ms. If a page type ever
overrides `get_sitemap_urls`, its pages are loaded and asked, as Wagtail does.
"""

from functools import cache
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models

from kindness.models import exclude_private

# The most entries one document of a section holds; more go on its next page (`?p=2`).
SECTION_SIZE = 1000

# What Django's reverse() leaves unquoted in a path (RFC 3986's sub-delimiters, / ~ : @).
SAFE_IN_PATH = "!$&'()*+,;=/~:@"


@cache
def pages_write_their_own_entries():
    return any(model.get_sitemap_urls is not Page.get_sitemap_urls for model in get_page_models())


class PageSitemap(Sitemap):
    """Every live, public page of the site whose type belongs to `app_label`."""

    app_label = None
    limit = SECTION_SIZE

    def pages(self):
        pages = exclude_private(
            self.get_wagtail_site().root_page.get_descendants(inclusive=True).live()
        )
        if self.app_label is not None:
            pages = pages.filter(content_type__in=section_content_types(self.app_label))
        return pages

    def get_latest_lastmod(self):
        """The newest entry's date, in one query: Django's asks every entry."""
        dates = self.pages().aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )
        return dates["latest"]

    def items(self):
        pages = self.pages().order_by("path")
        if pages_write_their_own_entries():
            return pages.defer_streamfields().specific()
        return pages.values_list("url_path", "last_published_at", "latest_revision_created_at")

    def _urls(self, page, protocol, domain):
        if pages_write_their_own_entries():
            return super()._urls(page, protocol, domain)
        site = self.get_wagtail_site()
        root_path = site.root_page.url_path
        urls = [
            {
                "location": site.root_url + page_path(url_path[len(root_path) :]),
                # Wagtail's fallback for a page published before last_published_at existed.
                "lastmod": published or revised,
            }
            for url_path, published, revised in self.paginator.page(page).object_list
        ]
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def page_path(relative):
    """A page's path on its site, as Wagtail's `get_url_parts()` makes it, from its
    url_path below the site's root ('library/the-place-of-kindness/')."""
    path = serve_prefix() + quote(relative, safe=SAFE_IN_PATH)
    if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and path != "/":
        path = path.rstrip("/")
    return path


@cache
def serve_prefix():
    """Where Wagtail's page-serving URL pattern starts ('/')."""
    return reverse("wagtail_serve", args=("",))


def section_content_types(app_label):
    models = [model for model in get_page_models() if model._meta.app_label == app_label]
    return list(ContentType.objects.get_for_models(*models).values())


@cache
def sections():
    """{section: its sitemap class}: one section for each app that has page types, named
    after the app, in the order of INSTALLED_APPS."""
    labels = dict.fromkeys(
        model._meta.app_label for model in get_page_models() if model is not Page
    )
    return {
        label: type(f"{label.title()}Sitemap", (PageSitemap,), {"app_label": label})
        for label in labels
    }
