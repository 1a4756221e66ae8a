"""The admin's own Content Security Policy, django-axes' hooks, the hidden manifest, and
the page for a database that cannot be reached."""

import logging
import math

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


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached is a designed 503 with Retry-After, not a 500.

    Connection refused, the connect timeout or the statement timeout (settings) all raise
    OperationalError or InterfaceError; the page is rendered without a request, so nothing
    on it asks the database again. Pages in the page cache are still served.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable: %s", str(exception).strip().splitlines()[0])
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_DOWN_RETRY_AFTER)
        return response


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
