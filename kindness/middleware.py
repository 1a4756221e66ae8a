"""The admin's own Content Security Policy, and django-axes' hooks.
How pages reach readers (the page cache, compression, the 503 page for a database that
cannot be reached) is the delivery app's; the count of searches is kindness/search's."""

import math

from axes.helpers import get_cool_off
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import render

from delivery.admin_paths import is_admin_request


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
