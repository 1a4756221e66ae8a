"""The two habits every guard against an absent service shares (the database, Redis, the
page cache's reads, the health check): stop asking for a few seconds after a failure, and
say so in the log at most once a minute.

A crowd meeting a dead service must cost neither a timeout per request nor a line of log
per request. Each guard keeps its own `Breaker` and `SaidAtMost` (one per service, shared by
the process's threads) and says its own words.
"""

import threading
import time

# The most often one outage is said in the log.
ONCE_A_MINUTE = 60


class Breaker:
    """A service this process stopped asking after it failed, until `retry_seconds` pass.

    `went_down()` after a failure opens it; while `is_open()` callers answer without the
    service (a miss, the 503 page); once the seconds pass the next caller tries again, and
    `came_back()` closes it when that succeeds.
    """

    def __init__(self, retry_seconds):
        self.retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._since = None

    def is_open(self):
        return self._down_until > time.monotonic()

    @property
    def down(self):
        """Whether the last attempt failed (and no later one succeeded)."""
        return self._since is not None

    def went_down(self):
        now = time.monotonic()
        with self._lock:
            self._down_until = now + self.retry_seconds
            if self._since is None:
                self._since = now

    def came_back(self):
        """Close the breaker; the seconds the service was away, or None if it was not."""
        with self._lock:
            since, self._since, self._down_until = self._since, None, 0.0
        return None if since is None else time.monotonic() - since


class SaidAtMost:
    """Whether to say something now: the first time, then at most once per `interval`
    seconds, however often it happens meanwhile."""

    def __init__(self, interval=ONCE_A_MINUTE):
        self.interval = interval
        self._lock = threading.Lock()
        self._said_at = None

    def now(self):
        moment = time.monotonic()
        with self._lock:
            if self._said_at is not None and moment - self._said_at < self.interval:
                return False
            self._said_at = moment
            return True

    def forget(self):
        """The next time is a first time again (the outage ended)."""
        with self._lock:
            self._said_at = None


def first_line(error):
    """An error in one line of the log: its message's first line, or its type's name."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
