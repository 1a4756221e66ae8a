"""Filters on the site's log handler, so a visitor or an outage cannot flood the log.

Django logs a refused Host header (and every other SuspiciousOperation) with a traceback
and the header quoted twice: an 8 kB Host header wrote 33 kB. It also logs every 5xx
response, so a crowd meeting a dead database wrote a line per request.
"""

import logging
import re
import traceback

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


# An email address, as it appears in an SMTP error or a message (not every form RFC 5321
# allows, but every one a mail server or our code writes into an error). Quotes and braces
# are left out, so the Python repr around an address stays readable.
EMAIL_ADDRESS = re.compile(r"[\w.!#$%&*+/=?^`~-]+@[\w-]+(?:\.[\w-]+)+")
REDACTED = "[email address]"


class NoEmailAddresses(logging.Filter):
    """No email address in the log: not in a message, not in a traceback.

    A mail server's refusal names the address it refused, and the worker logs the task's
    error with its traceback; a subscriber who is deleted must not stay in the log.
    """

    def filter(self, record):
        message = record.getMessage()
        redacted = EMAIL_ADDRESS.sub(REDACTED, message)
        if redacted != message:
            record.msg, record.args = "%s", (redacted,)
        if record.exc_info and record.exc_info[0] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_text = EMAIL_ADDRESS.sub(REDACTED, text)
            # The handler writes exc_text, and formats nothing again.
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = EMAIL_ADDRESS.sub(REDACTED, record.exc_text)
        return True
