"""The admin's own Content Security Policy, django-axes' hooks, the hidden manifest, and
the page for a database that cannot be reached."""

import logging
import math
import threading
import time

from axes.helpers import get_cool_off
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.template import loader


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CONTENT_SECURITY_POLICY under the admin.

    Public pages get the strict CONTENT_SECURITY_POLICY. The Wagtail admin needs inline
    scripts, inline styles and eval(), and shows page previews in a frame of its own, so
    under ADMIN_PATH_PREFIXES it gets the admin's policy instead, through get_policy_parts(),
    the hook django-csp documents for choosing a policy per request.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_request(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


def is_admin_request(request):
    """A request for the admin, or a page preview the admin renders for its editor's frame.

    Wagtail renders a preview by sending a request of its own, for the page's public address,
    through the whole middleware stack (and marks it is_preview); its response is shown only
    inside the admin, so it is sent with the admin's policy.
    """
    return getattr(request, "is_preview", False) or request.path_info.startswith(
        tuple(settings.ADMIN_PATH_PREFIXES)
    )


def client_ip_address(request):
    """The address django-axes counts failed logins against.

    REMOTE_ADDR, unless a trusted proxy terminates TLS (BEHIND_TLS_PROXY): then the last
    address in X-Forwarded-For, the one the proxy itself saw, which a client cannot forge.
    """
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page django-axes shows once a username and address are locked out.

    429 Too Many Requests, with Retry-After, and the minutes to wait in words.
    """
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    response = render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def hide_static_manifest(get_response):
    """`/static/staticfiles.json`, the list of every static file, is not for the public.

    collectstatic writes it into STATIC_ROOT, which WhiteNoise serves whole; this sits
    above WhiteNoise and answers the site's own 404 page instead.
    """
    manifest = f"{settings.STATIC_URL}staticfiles.json"

    def middleware(request):
        if request.path_info.startswith(manifest):
            raise Http404("Not a public file")
        return get_response(request)

    return middleware


logger = logging.getLogger(__name__)

# Seconds a reader (or a crawler) is asked to wait before trying again.
DATABASE_DOWN_RETRY_AFTER = 30
# What a database that cannot be reached raises: refused, timed out, or dropped mid-query.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# An outage is said in the log once, then at most once a minute while it lasts: a crowd
# meeting a dead database must not write a line (or a traceback) per request.
OUTAGE_LOG_INTERVAL = 60
_outage_logged_at = None
_outage_log_lock = threading.Lock()


def database_unavailable(exception):
    """The designed 503 page, with Retry-After, for a database that cannot be reached.

    Rendered without a request, so nothing on it asks the database again.
    """
    global _outage_logged_at
    now = time.monotonic()
    with _outage_log_lock:
        say_it = _outage_logged_at is None or now - _outage_logged_at >= OUTAGE_LOG_INTERVAL
        if say_it:
            _outage_logged_at = now
    if say_it:
        first_line = (str(exception).strip().splitlines() or [type(exception).__name__])[0]
        logger.error(
            "Database unavailable, answering 503 (said at most once a minute): %s", first_line
        )
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(DATABASE_DOWN_RETRY_AFTER)
    return response


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached is a designed 503 with Retry-After, not a 500.

    This catches what views and their templates raise. What a middleware raises (the
    redirects lookup on a 404, the 404 page's own site lookup) never reaches here: Django
    turns it into a 500 at that middleware, and kindness.views.server_error answers the
    same 503 for it. Pages in the page cache are still served, without the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return database_unavailable(exception)
        return None


class PublicGZipMiddleware(GZipMiddleware):
    """Compress HTML for readers, never a response that could carry a secret.

    BREACH recovers a secret from a compressed page that also reflects the attacker's input.
    Public pages hold no secret: no CSRF token (the signup form checks Origin instead), no
    session, nothing personal. So the admin (and its previews), and any request whose CSRF
    token was read or sent, are sent uncompressed. Django adds random padding to every
    gzip body too, for defence in depth.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(tuple(settings.ADMIN_PATH_PREFIXES)) or (
            "CSRF_COOKIE" in request.META
        ):
            return response
        return super().process_response(request, response)
