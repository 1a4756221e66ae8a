"""The admin's own Content Security Policy, django-axes' hooks, the hidden manifest and the
count of readers' searches. How pages reach readers (the page cache, compression, the 503
page for a database that cannot be reached) is the delivery app's."""

import functools
import math

from axes.helpers import get_cool_off
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from delivery.admin_paths import is_admin_request
from kindness import search_statistics
from kindness.forms import SearchForm


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


@functools.cache
def _search_path():
    return reverse("search")


def count_searches(get_response):
    """Count each search readers make, in the cache (kindness/search_statistics.py).

    Above the page cache, so a search answered from it counts too. Only the first page of
    results: paging through them is the same search.
    """

    def middleware(request):
        response = get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and request.path_info == _search_path()
        ):
            # Read as the view reads it: an invalid parameter is dropped, not the search.
            form = SearchForm(request.GET)
            form.is_valid()
            query, page = form.cleaned_data.get("q"), form.cleaned_data.get("page")
            if query and page in (None, 1):
                search_statistics.record(query)
        return response

    return middleware
