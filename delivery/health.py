"""/healthz: can this instance serve? Asked by load balancers and the container's health
check."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from delivery.breaker import ONCE_A_MINUTE, SaidAtMost, first_line

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """For load balancers and the container's health check: can this instance serve?

    200 when the database and the cache both answer, 503 when either does not, with a
    small JSON body saying which. Never cached, and touches no table.
    """
    checks = {
        "database": _answers("database", _database_answers),
        "cache": _answers("cache", _cache_answers),
    }
    healthy = all(state == "ok" for state in checks.values())
    body = {"status": "ok" if healthy else "unavailable", **checks}
    return JsonResponse(body, status=200 if healthy else 503)


# A load balancer asks every few seconds: a failing check is said at most once a minute.
_said = {"database": SaidAtMost(ONCE_A_MINUTE), "cache": SaidAtMost(ONCE_A_MINUTE)}


def _answers(name, check):
    try:
        check()
    except Exception as error:  # Whatever the driver raises, the answer is "no".
        if _said[name].now():
            logger.warning("Health check: the %s is unavailable: %s", name, first_line(error))
        return "unavailable"
    return "ok"


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache_answers():
    ping = getattr(cache, "ping", None)
    if ping:  # The Redis cache answers misses while Redis is away: ask Redis itself.
        ping()
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not keep a value")
