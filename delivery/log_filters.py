"""Filters on the site's log handler, so a visitor or an outage cannot flood the log.

Django logs a refused Host header (and every other SuspiciousOperation) with a traceback
and the header quoted twice: an 8 kB Host header wrote 33 kB. It also logs every 5xx
response, so a crowd meeting a dead database wrote a line per request.
"""

import logging

# The most of a visitor's input quoted in one line of the log.
QUOTED_CHARACTERS = 100


class OneShortLineForSuspiciousRequests(logging.Filter):
    """A request Django refused as suspicious (django.security.*): one short line.

    No traceback: the cause is the request, not the code. A refused Host header is quoted
    shortened, with its length.
    """

    def filter(self, record):
        if not record.name.startswith("django.security."):
            return True
        request = getattr(record, "request", None)
        if record.name == "django.security.DisallowedHost" and request is not None:
            host = request.META.get("HTTP_X_FORWARDED_HOST") or request.META.get("HTTP_HOST", "")
            record.msg = "Refused a request for host %r (%d characters)"
            record.args = (host[:QUOTED_CHARACTERS], len(host))
        else:
            message = record.getMessage().splitlines()[0] if record.getMessage() else ""
            record.msg = "%s"
            record.args = (message[: QUOTED_CHARACTERS * 2],)
        record.exc_info = None
        record.exc_text = None
        return True


class DatabaseOutageSaidOnce(logging.Filter):
    """Drop Django's line per 503 response.

    The site answers 503 only when the database cannot be reached (the designed page) or
    for /healthz in that state; delivery.outage and the health check say so themselves,
    at most once a minute.
    """

    def filter(self, record):
        return not (record.name == "django.request" and getattr(record, "status_code", 0) == 503)
