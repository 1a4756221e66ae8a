"""Redis going away: pages are still served, uncached, with one warning; it comes back alone."""

import json
import logging
import socket
import time

import pytest
from django.test import override_settings

import delivery.redis_cache
from tests.newsletter.conftest import sign_up
from tests.servers import free_port, start_redis, stop_redis

PAGES = ["/", "/programme/", "/library/"]


def resilient_cache(port):
    return {
        "default": {
            "BACKEND": "delivery.redis_cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }


def cache_warnings(caplog):
    records = caplog.records
    return [r for r in records if r.name == "delivery.redis_cache" and r.levelno == logging.WARNING]


def health(client):
    response = client.get("/healthz")
    return response.status_code, json.loads(response.content)["cache"]


@pytest.fixture
def quick_retry(monkeypatch):
    """Try Redis again after a fifth of a second, not five seconds, so a test can wait."""
    monkeypatch.setattr(delivery.redis_cache, "RETRY_SECONDS", 0.2)


def test_pages_are_served_uncached_while_redis_refuses_and_cached_once_it_is_back(
    demo, client, caplog, tmp_path, quick_retry
):
    port = free_port()
    with override_settings(CACHES=resilient_cache(port)):
        for _ in range(3):
            for url in PAGES:
                time.sleep(0.1)  # Some requests come after the retry delay: Redis is asked again.
                response = client.get(url)
                assert response.status_code == 200, url
                assert response["X-Cache"] == "bypass"
        assert health(client) == (503, "unavailable")
        warnings = cache_warnings(caplog)
        assert len(warnings) == 1, [w.getMessage() for w in warnings]
        assert "Cache unavailable, serving pages uncached" in warnings[0].getMessage()
        assert str(port) in warnings[0].getMessage()

        redis = start_redis(port, tmp_path)
        try:
            time.sleep(0.3)
            assert client.get("/programme/")["X-Cache"] == "miss"
            assert client.get("/programme/")["X-Cache"] == "hit"
            assert health(client) == (200, "ok")
            messages = [w.getMessage() for w in cache_warnings(caplog)]
            assert len(messages) == 2
            assert messages[1].startswith("Cache available again")
        finally:
            stop_redis(redis)

        # Gone again: served uncached again, and the new outage is said once.
        time.sleep(0.3)
        for _ in range(3):
            assert client.get("/programme/").status_code == 200
        assert len(cache_warnings(caplog)) == 3


def test_a_redis_that_never_answers_costs_one_timeout_not_one_per_cache_call(
    demo, client, monkeypatch
):
    # Not asked again within the test however slow a busy machine makes its six pages: the
    # retry after RETRY_SECONDS is the other test's; this one counts the timeouts meanwhile.
    monkeypatch.setattr(delivery.redis_cache, "RETRY_SECONDS", 60)
    # Accepts connections (the kernel's backlog does) and never says a word.
    with socket.socket() as black_hole:
        black_hole.bind(("127.0.0.1", 0))
        black_hole.listen(64)
        port = black_hole.getsockname()[1]
        with override_settings(CACHES=resilient_cache(port)):
            started = time.monotonic()
            for url in PAGES * 2:
                assert client.get(url).status_code == 200
            elapsed = time.monotonic() - started
        black_hole.setblocking(False)
        attempts = 0
        while True:
            try:
                connection, _ = black_hole.accept()
            except BlockingIOError:
                break
            connection.close()
            attempts += 1
    assert attempts == 1
    # Six pages, each making several cache calls: one read timeout (a second) in all, not one per
    # call (dozens) and not a wait for ever. Generous, for a busy machine.
    assert elapsed < 10


@override_settings(NEWSLETTER_SIGNUPS_PER_CLIENT_PER_HOUR=1)
def test_the_newsletters_rate_limits_let_signups_through_while_redis_is_away(
    home, client, tmp_path, quick_retry
):
    port = free_port()
    with override_settings(CACHES=resilient_cache(port)):
        for n in range(3):
            assert sign_up(client, email=f"person{n}@example.org").status_code == 302
        redis = start_redis(port, tmp_path)
        try:
            time.sleep(0.3)
            assert sign_up(client, email="back1@example.org").status_code == 302
            assert sign_up(client, email="back2@example.org").status_code == 429
        finally:
            stop_redis(redis)
