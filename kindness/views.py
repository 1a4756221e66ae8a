import logging
import sys
from functools import wraps

from django.http import (
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.models import Site

from delivery.outage import DATABASE_UNAVAILABLE, database_unavailable
from kindness.models import SiteSettings
from kindness.sharing import absolute_url

logger = logging.getLogger(__name__)


def serve_document(request, document_id, document_filename):
    """Wagtail's document view, without the `Content-Encoding: None` it sends with a file
    read from local storage: its sendfile helper (wagtail/utils/sendfile.py) sets the header
    to the encoding guessed from the file's name, which for a PDF is None. "None" names no
    coding, so a strict client may refuse or mangle the file, and the compression middleware
    takes the header for a real coding. Files read from S3 never had the header.
    """
    response = wagtail_serve_document(request, document_id, document_filename)
    if response.get("Content-Encoding") == "None":
        del response.headers["Content-Encoding"]
    return response


def read_only(view):
    """A public view that answers GET and HEAD; any other method gets the designed 405."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return method_not_allowed(request)
        return view(request, *args, **kwargs)

    return wrapper


@read_only
@cache_control(max_age=60 * 60)
def robots_txt(request):
    return TemplateResponse(
        request,
        "kindness/robots.txt",
        {"sitemap_url": absolute_url(request, reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


@read_only
@cache_control(max_age=60 * 60 * 24)
def web_manifest(request):
    site = Site.find_for_request(request)
    name = (site.site_name if site else "") or "Kinder Communities"
    manifest = {
        "name": name,
        "short_name": name,
        "start_url": "/",
        "display": "browser",
        "background_color": "#f7f5f0",
        "theme_color": "#0d5c55",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    site_settings = SiteSettings.for_request(request) if site else None
    if site_settings and site_settings.default_share_description:
        manifest["description"] = site_settings.default_share_description
    return JsonResponse(manifest, content_type="application/manifest+json")


def favicon_ico(request):
    """Browsers that ignore the icon links still ask for /favicon.ico."""
    return HttpResponseRedirect(static("icons/favicon-32.png"))


ERRORS = {
    400: ("Bad request", "The address or the form sent to this page could not be understood."),
    403: ("Not allowed", "You do not have permission to see this page."),
    405: ("Not allowed", "This page can only be read, not sent to."),
    "csrf": (
        "Your form could not be sent",
        "The form was sent without the check that proves it came from this site, or the "
        "check had expired. Go back, reload the page and send the form again. If you are "
        "signing in, make sure your browser accepts cookies from this site.",
    ),
}


def error_page(request, status, kind=None):
    """A client error in the site's design (Django's own pages use inline styles)."""
    title, message = ERRORS[kind or status]
    context = {"status": status, "error_title": title, "error_message": message}
    return render(request, "error.html", context, status=status)


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without a valid token (an expired page, no cookie)."""
    return error_page(request, 403, "csrf")


def method_not_allowed(request, allowed=("GET", "HEAD")):
    response = error_page(request, 405)
    response["Allow"] = ", ".join(allowed)
    return response


def server_error(request):
    """The 500 page, rendered without a request so nothing touches the (maybe down) database.

    Django calls this for an exception raised anywhere, middleware included, while it is
    being handled: a database that cannot be reached gets the designed 503 instead.
    """
    exception = sys.exception()
    if isinstance(exception, DATABASE_UNAVAILABLE):
        return database_unavailable(exception)
    return HttpResponseServerError(loader.get_template("500.html").render())
