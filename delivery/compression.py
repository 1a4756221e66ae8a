"""Compression for readers: Brotli or gzip, as the browser asks, never for a response that
could carry a secret."""

import functools
import re

import brotli
from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_sequence, compress_string

from delivery.admin_paths import is_admin_request

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
