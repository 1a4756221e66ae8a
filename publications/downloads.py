"""Download links that count: `<publication>/download/<n>/` adds one and sends the file.

The link is the publication's own address (`/library/<slug>/download/1/`), routed by the
page itself, so only a live publication that the reader may see answers, under whatever
address the library has. It redirects to the file's own URL (`Document.url`, which follows
WAGTAILDOCS_SERVE_METHOD), so the files can move to S3 or a CDN without the links changing.

What counts: a GET from something that says it is a browser. Obvious robots (by their user
agent), link-preview fetchers, a browser's speculative prefetch and HEAD requests get the
same redirect but add nothing. No cookie is set and nothing about the reader is kept.
"""

import re

from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail.admin.panels import Panel
from wagtail.permission_policies import ModelPermissionPolicy

from publications.models.downloads import DownloadCount

# Substrings of the user agents of robots and tools, not readers. Deliberately short: the
# obvious ones. Any user agent naming itself a bot, crawler or spider; command-line and
# library HTTP clients; headless browsers (monitoring, screenshots); the fetchers chat and
# social apps send to draw a preview of a shared link.
NOT_A_READER = re.compile(
    r"bot|crawl|spider|slurp|curl|wget|python-requests|python-urllib|aiohttp|httpx"
    r"|go-http-client|okhttp|java/|libwww|scrapy|headless|lighthouse|preview"
    r"|facebookexternalhit|whatsapp|embedly|validator",
    re.IGNORECASE,
)

download_permission_policy = ModelPermissionPolicy(DownloadCount)


def is_a_reader(request):
    """Whether this request is a person downloading the file, as far as can be told."""
    if request.method != "GET":
        return False
    # A browser fetching a link the reader may never follow (speculation rules, prefetch).
    if "prefetch" in request.headers.get("Sec-Purpose", request.headers.get("Purpose", "")):
        return False
    user_agent = request.headers.get("User-Agent", "")
    # Every browser says what it is; a request that does not is a script.
    return bool(user_agent.strip()) and not NOT_A_READER.search(user_agent)


def serve_download(page, request, position):
    """Count the page's `position`th download (1-based, as listed) and redirect to it."""
    downloads = page.downloads_for_display()
    if not 1 <= position <= len(downloads):
        raise Http404("No such download")
    download = downloads[position - 1]
    if is_a_reader(request):
        DownloadCount.objects.record(page, download.document)
    response = HttpResponseRedirect(download.document.url)
    # Every download must reach this view to be counted: no browser, proxy, CDN or the page
    # cache may keep the redirect.
    add_never_cache_headers(response)
    return response


class DownloadTotalPanel(Panel):
    """The publication's downloads so far, in its edit view, read-only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "publications/admin/download_total_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["total"] = DownloadCount.objects.total_for(page) if page.pk else 0
            if page.pk and download_permission_policy.user_has_permission(
                self.request.user, "view"
            ):
                context["report_url"] = f"{reverse('download_report')}?publication={page.pk}"
            return context
