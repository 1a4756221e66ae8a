"""Response headers django-csp and Django's SecurityMiddleware do not set on their own."""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


class SecurityHeadersMiddleware:
    """Send Permissions-Policy on every response, and the admin's CSP under the admin.

    Public pages get the strict CONTENT_SECURITY_POLICY. The Wagtail admin needs inline
    scripts, inline styles and eval(), and shows page previews in a frame of its own, so
    under ADMIN_PATH_PREFIXES it gets ADMIN_CONTENT_SECURITY_POLICY instead. This must sit
    below csp.middleware.CSPMiddleware so the choice is made before that writes the header.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}={allowlist}" for feature, allowlist in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(tuple(settings.ADMIN_PATH_PREFIXES)):
            response._csp_config = settings.ADMIN_CONTENT_SECURITY_POLICY
            # A page preview is rendered through the whole middleware stack a second time,
            # as a public page; drop that inner policy so the editor's preview frame loads.
            if "frame-ancestors 'none'" in response.get("Content-Security-Policy", ""):
                del response["Content-Security-Policy"]
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response


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
