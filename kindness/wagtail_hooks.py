"""Wagtail hooks for every page: the methods a page answers, and what the page cache forgets."""

from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from delivery.page_cache import SAFE_METHODS
from kindness.models import load_site_settings
from kindness.sitemap import sections as sitemap_sections
from kindness.views import method_not_allowed


@hooks.register("before_serve_page")
def only_get_and_head(page, request, serve_args, serve_kwargs):
    """A page is read, never posted to: forms post to views of their own."""
    if request.method not in SAFE_METHODS:
        return method_not_allowed(request, SAFE_METHODS)
    return None


@hooks.register("before_serve_page")
def site_settings_in_one_query(page, request, serve_args, serve_kwargs):
    """Before the page asks for them: the header, footer, share cards and signup form each
    read a settings model, which Wagtail would fetch one query at a time."""
    load_site_settings(request)


class OneQueryPageLinkHandler(PageLinkHandler):
    """Links to pages in rich text, found in one query per text.

    Wagtail's own handler loads each linked page as its specific type (a query more for
    each type) only to read its URL, which no page type here builds differently. A URL
    needs only the page's path below its site (`url_path`) and, for Wagtail's
    `localized`, whether it is live: nothing else is fetched, in no particular order.
    """

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        linked = Page.objects.filter(pk__in=ids).only(*LINK_FIELDS).order_by()
        pages = {str(page.pk): page for page in linked}
        return [pages.get(str(id_)) for id_ in ids]


# What a rich text link reads of the page it links to.
LINK_FIELDS = ("url_path", "live")


# After Wagtail's own registration (order 0), which this one replaces.
@hooks.register("register_rich_text_features", order=100)
def page_links_in_one_query(features):
    features.register_link_type(OneQueryPageLinkHandler)


@hooks.register("site_cache_paths")
def files_with_the_sites_name():
    """robots.txt and the web manifest carry the site's name and address: a site-wide
    change purges them from the front cache too."""
    return [reverse("robots-txt"), reverse("web-manifest")]


@hooks.register("page_cache_paths")
def search_and_sitemap(page):
    """Any page may appear in search results and is listed in the sitemap: in its index
    and in its app's section (every section: forgetting one costs nothing)."""
    return [
        reverse("search"),
        reverse("sitemap"),
        *(reverse("sitemap-section", args=[section]) for section in sitemap_sections()),
    ]
