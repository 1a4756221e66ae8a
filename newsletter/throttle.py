"""Rate limits counted in the cache, so every web instance shares them when Redis is set.

A fixed window per key: the first hit starts it, and it ends `seconds` later.

While Redis cannot be reached they fail open: the cache answers as if empty (add() stores
nothing, incr() finds no key, get() misses), so every count is 1 and no limit is reached.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from kindness.middleware import client_ip_address


def _key(kind, value):
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
    return f"newsletter:throttle:{kind}:{digest}"


def _hit(key, seconds):
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.add(key, 1, timeout=seconds)
        return 1


def client_over_limit(request):
    """Count one signup post from this client; True once it passes the hourly limit."""
    address = client_ip_address(request) or "unknown"
    hits = _hit(_key("client", address), 60 * 60)
    return hits > settings.NEWSLETTER_SIGNUPS_PER_CLIENT_PER_HOUR


def address_exhausted(email):
    """True when this address has had its day's confirmation emails."""
    count = cache.get(_key("address", email.lower()), 0)
    return count >= settings.NEWSLETTER_EMAILS_PER_ADDRESS_PER_DAY


def count_email_to(email):
    _hit(_key("address", email.lower()), 24 * 60 * 60)
