"""A database that cannot be reached: the designed 503 page with Retry-After, not a 500."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from delivery.breaker import ONCE_A_MINUTE, SaidAtMost, first_line

logger = logging.getLogger(__name__)

# Seconds a reader (or a crawler) is asked to wait before trying again.
DATABASE_DOWN_RETRY_AFTER = 30
# What a database that cannot be reached raises: refused, timed out, or dropped mid-query.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# An outage is said in the log once, then at most once a minute while it lasts: a crowd
# meeting a dead database must not write a line (or a traceback) per request.
outage_log = SaidAtMost(ONCE_A_MINUTE)


def database_unavailable(exception):
    """The designed 503 page, with Retry-After, for a database that cannot be reached.

    Rendered without a request, so nothing on it asks the database again.
    """
    if outage_log.now():
        logger.error(
            "Database unavailable, answering 503 (said at most once a minute): %s",
            first_line(exception),
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
