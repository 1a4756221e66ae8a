"""Django's Postgres backend, with two guards for a database that stops answering.

A Postgres that accepts connections and never answers (hung, overloaded, or behind a
proxy or network that swallows packets) held a web worker until gunicorn killed it, and
two such requests stalled the whole site. connect_timeout covers only connecting, and
statement_timeout is Postgres's own limit, which a Postgres that does not answer never
applies; a connection kept open between requests (CONN_MAX_AGE) waited for ever.

In the web process (kindness/wsgi.py calls bound_waits()), so that a reader gets the
designed 503 page within a few seconds and no worker is killed:
- every wait for the database on an open connection (a query, its rows, a commit, Django's
  health check of a kept connection) is bounded by psycopg's own wait timeout; past it the
  connection is closed, never reused, and the query fails with OperationalError. Readers'
  requests (GET, HEAD) get DB_ANSWER_TIMEOUT; requests that change something get longer
  (DB_STATEMENT_TIMEOUT and five seconds), so a slow commit is not cut short;
- after a failed connection or an unanswered wait, this process stops trying to connect for
  RETRY_SECONDS and fails at once, so the next readers do not each wait again; then one
  request tries again, and when the database answers the site works again by itself.

Commands and the task worker are not bounded: a long migration may take as long as
DB_STATEMENT_TIMEOUT lets it. TCP keepalives (settings) still find a dead peer for them.
"""

import logging
import threading

import psycopg
from django.core.signals import request_started
from django.db.backends.postgresql import base

from delivery import compat
from delivery.breaker import Breaker

logger = logging.getLogger(__name__)

# How long this process serves the 503 page at once, without trying to connect, after the
# database failed to connect or to answer.
RETRY_SECONDS = 5


class _Outage:
    """This process's view of the database: answering, or down until a moment."""

    def __init__(self):
        self.breaker = Breaker(RETRY_SECONDS)
        self.answer_timeout = None
        self.changes_timeout = None

    def went_down(self):
        self.breaker.went_down()

    def came_back(self):
        seconds = self.breaker.came_back()
        if seconds is not None:
            logger.warning("Database answering again after %.0f s", seconds)

    def refuse_while_down(self):
        if self.breaker.is_open():
            raise psycopg.OperationalError(
                f"the database did not answer a moment ago; trying again within {RETRY_SECONDS} s"
            )


outage = _Outage()


_request = threading.local()


def bound_waits(seconds, changes=None):
    """Bound every wait for the database in this process (the web process).

    A reader's request (GET, HEAD) waits at most `seconds`; a request that changes
    something (an editor publishing, a signup) at most `changes` seconds, longer, so that a
    commit slowed by a busy disk is not cut short after it may have been applied. None or 0
    leaves waits unbounded.
    """
    outage.answer_timeout = seconds or None
    outage.changes_timeout = changes or None
    request_started.connect(_choose_bound, dispatch_uid="delivery.database.bound")


def _choose_bound(environ=None, **kwargs):
    method = (environ or {}).get("REQUEST_METHOD", "GET")
    reading = method in ("GET", "HEAD")
    _request.bound = outage.answer_timeout if reading else outage.changes_timeout


def current_bound():
    """The bound on this thread's waits: its request's, or a reader's outside a request."""
    return getattr(_request, "bound", outage.answer_timeout)


class BoundedConnection(psycopg.Connection):
    """A psycopg connection whose every wait on the server ends after the request's bound."""

    def wait(self, gen, *args, timeout=None, **kwargs):
        bound = current_bound()
        if bound is None or (timeout is not None and timeout <= bound):
            return super().wait(gen, *args, timeout=timeout, **kwargs)
        try:
            return super().wait(gen, *args, timeout=bound, **kwargs)
        except compat.WaitTimeout:
            # Cut off mid-conversation: the connection is in an unknown state.
            self.pgconn.finish()
            outage.went_down()
            raise psycopg.OperationalError(
                f"the database did not answer within {bound:g} s; connection closed"
            ) from None


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        if outage.answer_timeout is None:
            return super().get_new_connection(conn_params)
        outage.refuse_while_down()
        try:
            connection = super().get_new_connection(conn_params)
        except psycopg.OperationalError:
            outage.went_down()
            raise
        outage.came_back()
        return compat.become(connection, BoundedConnection)
