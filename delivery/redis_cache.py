"""A Redis cache that lets the site keep serving, uncached, while Redis is away.

Django's RedisCache raises when Redis refuses or stops answering, and Wagtail, the page
cache and the newsletter's rate limits all read the default cache on every request, so one
unreachable Redis turns every page into a 500. This backend turns a connection error or a
timeout into what an empty cache would answer: a read is a miss, a write does nothing, add()
stores nothing, incr() finds no key.

After an error the process stops asking Redis for RETRY_SECONDS, so a Redis that swallows
connections cannot cost each request a timeout per cache call, then tries again: when Redis
is back the cache works again by itself. The first failure logs one warning, and another at
most once a minute while Redis stays away; the return is logged too.

/healthz calls ping(), which always asks Redis and raises its error, so the health check
reports the cache as down while pages are still served.
"""

import logging
import threading

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from delivery.breaker import ONCE_A_MINUTE, Breaker, SaidAtMost

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# Short, so a Redis that accepts connections and never answers cannot hold a request.
CONNECT_TIMEOUT = 0.5
READ_TIMEOUT = 1.0
# How long the process serves uncached before it tries Redis again.
RETRY_SECONDS = 5
# The most often the same outage is logged.
WARNING_INTERVAL = ONCE_A_MINUTE


class _Outage:
    """One per Redis location, shared by the process's threads (each has its own cache)."""

    def __init__(self):
        self.breaker = Breaker(RETRY_SECONDS)
        self.warning = SaidAtMost(WARNING_INTERVAL)


_outages = {}
_outages_lock = threading.Lock()


def _outage_for(location):
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._options = {
            "socket_connect_timeout": CONNECT_TIMEOUT,
            "socket_timeout": READ_TIMEOUT,
            **self._options,
        }
        self._outage = _outage_for(tuple(self._servers))

    def _call(self, method, fallback, *args, **kwargs):
        if self._outage.breaker.is_open():
            return fallback
        try:
            result = method(*args, **kwargs)
        except UNREACHABLE as error:
            self._went_down(error)
            return fallback
        if self._outage.breaker.down:
            self._came_back()
        return result

    def _went_down(self, error):
        breaker = self._outage.breaker
        breaker.went_down()
        if self._outage.warning.now():
            logger.warning(
                "Cache unavailable, serving pages uncached and retrying every %s s: %s",
                breaker.retry_seconds,
                error,
            )

    def _came_back(self):
        seconds = self._outage.breaker.came_back()
        if seconds is None:
            return
        self._outage.warning.forget()
        logger.warning("Cache available again after %.0f s", seconds)

    def ping(self):
        """Ask Redis now, whatever the outage state; raise its error if it does not answer."""
        try:
            self._cache.get_client().ping()
        except UNREACHABLE as error:
            self._went_down(error)
            raise
        if self._outage.breaker.down:
            self._came_back()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call(super().incr, missing, key, delta, version)
        if result is missing:
            # What Django's backends raise for a key they do not hold.
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)
