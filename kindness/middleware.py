"""The admin's own Content Security Policy, django-axes' hooks, the hidden manifest, the
page for a database that cannot be reached, compression for readers, and the count of
readers' searches."""

import contextlib
import functools
import logging
import math
import re
import threading
import time

import brotli
from axes.helpers import get_cool_off
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_sequence, compress_string

from kindness import search_statistics, site_memo
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


def remembered_site(get_response):
    """Finds the request's Wagtail site and home page in memory (kindness/site_memo.py)
    before Wagtail, the redirects or a template asks for them, each a query otherwise."""

    def middleware(request):
        # A database that fails is left to whatever asks next: /healthz answers for
        # itself, a page with the 503 page.
        with contextlib.suppress(DatabaseError):
            site_memo.find_site(request)
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


# Brotli's quality for pages made on request: 5 is ~10% smaller than gzip at about twice
# gzip's time (0.5 ms for the 20 kB home page); 9 and above take 10 to 30 ms a page.
BROTLI_QUALITY = 5
# Shorter bodies gain nothing worth the bytes of the header that says so.
MIN_COMPRESS_LENGTH = 200
# A body up to this size is compressed once per process and kept (see `compressed`).
MEMO_MAX_LENGTH = 256 * 1024
# What is worth compressing: text. Documents, images and archives are compressed already.
COMPRESSIBLE_TYPES = re.compile(
    r"^(text/|application/(json|xml|javascript|ecmascript)\b|application/[\w.-]+\+(json|xml)\b"
    r"|image/svg\+xml\b)",
    re.IGNORECASE,
)
# Preferred first: among codings the client accepts equally, Brotli's bodies are smaller.
CODINGS = ("br", "gzip")


def negotiate_coding(accept_encoding):
    """The coding to send for an Accept-Encoding header: "br", "gzip" or None.

    The client's weights (q) decide, Brotli first among equals; q=0 refuses a coding, and
    `*` stands for every coding not named. A malformed weight counts as not asked for.
    """
    weights = {}
    for entry in accept_encoding.split(","):
        coding, *parameters = (part.strip() for part in entry.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
                if not 0 <= weight <= 1:  # also NaN
                    weight = 0.0
        if coding:
            weights[coding.lower()] = weight
    ranked = [(weights.get(coding, weights.get("*", 0.0)), coding) for coding in CODINGS]
    best_weight = max(weight for weight, _ in ranked)
    if best_weight <= 0:
        return None
    return next(coding for weight, coding in ranked if weight == best_weight)


def compress(body, coding):
    if coding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT)
    # Django's gzip, with its random padding in the header.
    return compress_string(body, max_random_bytes=GZipMiddleware.max_random_bytes)


@functools.lru_cache(maxsize=128)
def _remembered(body, coding):
    return compress(body, coding)


def compressed(body, coding):
    """The body compressed, once per process for a body seen before.

    A page served from the page cache is the same bytes each time: comparing them costs
    microseconds, compressing them again half a millisecond. The copy kept holds no secret
    (nothing with one is compressed at all), so its padding being the same each time for
    one page gives nothing away.
    """
    if len(body) > MEMO_MAX_LENGTH:
        return compress(body, coding)
    return _remembered(body, coding)


def brotli_sequence(chunks):
    compressor = brotli.Compressor(quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT)
    for chunk in chunks:
        if output := compressor.process(chunk):
            yield output
    yield compressor.finish()


def may_hold_a_secret(request):
    """The admin and its previews, a request whose CSRF token was read or sent (Django
    puts it in META either way), and a signed-in reader's request (the userbar, anything
    personal): what BREACH could recover from a compressed page."""
    return (
        is_admin_request(request)
        or "CSRF_COOKIE" in request.META
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


class PublicCompressionMiddleware:
    """Compress text for readers, with Brotli or gzip, never a response that could carry a
    secret.

    BREACH recovers a secret from a compressed page that also reflects the attacker's input.
    Public pages hold no secret: no CSRF token (the signup form checks Origin instead), no
    session, nothing personal. So the admin (and its previews), any request whose CSRF
    token was read or sent, and signed-in editors' requests are answered uncompressed.

    Sits below WhiteNoise (static files are compressed at collectstatic, .br and .gz beside
    each file) and above the page cache, which keeps pages plain: the coding is chosen for
    each request, so a cached page goes to a gzip-only client gzipped, never as Brotli.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if may_hold_a_secret(request) or not self.compressible(response):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        coding = negotiate_coding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if coding is None:
            return response
        if response.streaming:
            if coding == "br":
                response.streaming_content = brotli_sequence(response.streaming_content)
            else:
                response.streaming_content = compress_sequence(
                    response.streaming_content, max_random_bytes=GZipMiddleware.max_random_bytes
                )
            # The compressed length is known only once it has all been sent.
            del response.headers["Content-Length"]
        else:
            body = compressed(response.content, coding)
            if len(body) >= len(response.content):
                return response
            response.content = body
            response.headers["Content-Length"] = str(len(body))
        # A strong ETag names these exact bytes; the compressed ones are only equivalent.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = coding
        return response

    @staticmethod
    def compressible(response):
        if response.has_header("Content-Encoding") or getattr(response, "is_async", False):
            return False
        if not response.streaming and len(response.content) < MIN_COMPRESS_LENGTH:
            return False
        return bool(COMPRESSIBLE_TYPES.match(response.get("Content-Type", "")))
