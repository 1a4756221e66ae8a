"""The sitemap: Wagtail's, every live and public page, without building a page for each.

Wagtail loads every page as its specific type (a query a type) and asks each for its
entry: its full URL and when it last changed. No page type here changes its entry, so
the entries are written from three columns of each page's row, in one query: building
160 pages and their URLs one by one was most of the sitemap's 25 ms. If a page type ever
overrides `get_sitemap_urls`, its pages are loaded and asked, as Wagtail does.
"""

from functools import cache
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models

from kindness.models import exclude_private

# What Django's reverse() leaves unquoted in a path (RFC 3986's sub-delimiters, / ~ : @).
SAFE_IN_PATH = "!$&'()*+,;=/~:@"


@cache
def pages_write_their_own_entries():
    return any(model.get_sitemap_urls is not Page.get_sitemap_urls for model in get_page_models())


class PageSitemap(Sitemap):
    def items(self):
        pages = exclude_private(
            self.get_wagtail_site().root_page.get_descendants(inclusive=True).live()
        ).order_by("path")
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
