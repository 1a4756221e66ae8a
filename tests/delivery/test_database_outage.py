"""Postgres on a bad day, with the site served the production way (gunicorn, two sync
workers, DEBUG off, the page cache in Redis): a TCP proxy between the site and Postgres
first swallows everything (a database that stops answering), then refuses (one that is
down), and each time comes back. Pages in the cache are still served, the others get the
designed 503 page within three seconds, no worker is killed, and the site recovers alone.
"""

import http.client
import itertools
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from tests.environment import PROJECT
from tests.servers import free_port, start_redis, stop_redis
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.postgres(reason="the database whose outages this plays")

CACHED = ["/", "/programme/"]
STATIC = "/static/icons/favicon.svg"
# The promise: a reader waits at most this long for the 503 page, a cached page far less.
OUTAGE_ANSWER_SECONDS = 3
CACHED_ANSWER_SECONDS = 1
# Gunicorn kills a worker busy longer than this: far below its default of 30 s, so a hang
# would kill one within the test, well above the waits the site allows itself.
WORKER_TIMEOUT = 10


class Answer:
    def __init__(self, response, body, seconds):
        self.status = response.status
        self.headers = response.headers
        self.body = body
        self.seconds = seconds


def get(port, path, timeout=WORKER_TIMEOUT + 5):
    started = time.monotonic()
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        client.request("GET", path, headers={"Host": "localhost"})
        response = client.getresponse()
        body = response.read()
    finally:
        client.close()
    return Answer(response, body, time.monotonic() - started)


def database_url(port):
    """The test database (the demo site, committed at set-up), through the proxy's port."""
    settings = connection.settings_dict
    user = quote(settings["USER"] or "")
    password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    return f"postgres://{user}{password}@127.0.0.1:{port}/{quote(settings['NAME'])}"


@pytest.fixture
def postgres_proxy(demo):
    settings = connection.settings_dict
    proxy = TcpProxy(settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432))
    yield proxy
    proxy.stop()


@pytest.fixture
def site(postgres_proxy, tmp_path):
    """The site under gunicorn, the production way, talking to Postgres through the proxy."""
    redis_port = free_port()
    redis = start_redis(redis_port, tmp_path)
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(postgres_proxy.port),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        # Connections kept between requests, as in production: the ones the outage freezes.
        "DB_CONN_MAX_AGE": "60",
        "PATH": "/usr/bin:/bin",
    }
    with open(log, "w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "kindness.wsgi:application"]
            + ["--workers", "2", "--bind", f"127.0.0.1:{port}"]
            + [
                "--timeout",
                str(WORKER_TIMEOUT),
                "--graceful-timeout",
                "1",
                "--log-level",
                "info",
                "--error-logfile",
                "-",
            ],
            cwd=PROJECT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(port, "/healthz", timeout=5).status == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=15)
        stop_redis(redis)


VISITS = itertools.count()


def uncached(port):
    """A page nobody asked for yet, so never in the page cache: it needs the database."""
    return get(port, f"/library/?visit={next(VISITS)}")


def hold_a_connection_in_each_worker(port, proxy):
    """Pages rendered at once until both workers keep a connection open (CONN_MAX_AGE)."""
    with ThreadPoolExecutor(4) as pool:
        for _ in range(20):
            assert all(a.status == 200 for a in pool.map(lambda _: uncached(port), range(4)))
            if proxy.open_connections() >= 2:
                return
    pytest.fail("the workers kept no connections open")


def assert_served_through_the_outage(port):
    for path in CACHED:
        answer = get(port, path)
        assert (answer.status, answer.headers["X-Cache"]) == (200, "hit"), path
        assert answer.seconds < CACHED_ANSWER_SECONDS, path
    # Both workers meet the outage (sequential requests may all go to one of them).
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda _: uncached(port), range(6)))
    for answer in answers:
        assert answer.status == 503
        assert answer.headers["Retry-After"] == "30"
        assert answer.seconds < OUTAGE_ANSWER_SECONDS
        heading = BeautifulSoup(answer.body, "html.parser").h1.get_text(strip=True)
        assert heading == "This page is not available just now"
    health = get(port, "/healthz")
    assert (health.status, health.seconds < OUTAGE_ANSWER_SECONDS) == (503, True)
    static = get(port, STATIC)
    assert (static.status, static.seconds < CACHED_ANSWER_SECONDS) == (200, True)
    # Still the cached pages, after the workers met the outage.
    assert get(port, CACHED[0]).status == 200


def assert_recovers_by_itself(port):
    """Every worker answers again, not just one, within the time the outage's retry allows.

    A worker that met the outage last tries the database again only RETRY_SECONDS after,
    so one may answer while the other still serves the 503 page for a moment.
    """
    deadline = time.monotonic() + 15
    while True:
        with ThreadPoolExecutor(2) as pool:
            statuses = {a.status for a in pool.map(lambda _: uncached(port), range(6))}
        if statuses == {200} and get(port, "/healthz").status == 200:
            return
        assert time.monotonic() < deadline, f"the site did not recover: {statuses}"
        time.sleep(0.2)


def test_a_database_that_stops_answering_or_refuses_then_returns(site, postgres_proxy):
    port, log = site
    for path in CACHED:
        get(port, path)  # Into the page cache.

    hold_a_connection_in_each_worker(port, postgres_proxy)
    postgres_proxy.black_hole()
    assert_served_through_the_outage(port)
    postgres_proxy.forward()
    assert_recovers_by_itself(port)

    hold_a_connection_in_each_worker(port, postgres_proxy)
    postgres_proxy.refuse()
    assert_served_through_the_outage(port)
    postgres_proxy.forward()
    assert_recovers_by_itself(port)

    output = log.read_text()
    assert "WORKER TIMEOUT" not in output, output
    assert len(re.findall(r"Booting worker with pid", output)) == 2, output
    assert "Traceback" not in output, output
