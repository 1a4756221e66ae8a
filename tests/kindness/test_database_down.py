"""A database that cannot be reached: a designed 503 page, and timeouts so none hangs."""

from bs4 import BeautifulSoup

from tests.kindness.test_healthz import closed_port
from tests.kindness.test_settings import PRODUCTION, run

# The tests' settings (static files found in place, no collectstatic needed) with a database
# that refuses connections.
GET_HOME = (
    "import django; django.setup(); from django.test import Client; "
    "c = Client(raise_request_exception=False); "
    "r = c.get('/'); "
    "print(r.status_code, r.get('Retry-After'), r.get('Cache-Control')); print(r.content.decode())"
)


def test_a_refused_database_is_a_designed_503_with_retry_after():
    database = f"postgres://kindness@127.0.0.1:{closed_port()}/kindness"
    env = {"DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": database, "REDIS_URL": ""}
    result = run(GET_HOME, env)
    assert result.returncode == 0, result.stderr
    first_line, html = result.stdout.split("\n", 1)
    status, retry_after, cache_control = first_line.split(" ", 2)
    assert (status, retry_after) == ("503", "30")
    assert "no-store" in cache_control
    page = BeautifulSoup(html, "html.parser")
    assert page.h1.get_text(strip=True) == "This page is not available just now"
    assert page.find("link", rel="stylesheet")
    # One line in the log, not a traceback.
    assert "Database unavailable" in result.stderr
    assert "Traceback" not in result.stderr


SHOW_OPTIONS = (
    "import django; django.setup(); from django.conf import settings; "
    "o = settings.DATABASES['default']['OPTIONS']; print(o['connect_timeout'], o['options'])"
)


def test_postgres_gives_up_connecting_and_cancels_slow_statements():
    env = {**PRODUCTION, "DATABASE_URL": "postgres://u@db.example:5432/kindness"}
    result = run(SHOW_OPTIONS, env)
    assert result.stdout.split() == ["3", "-c", "statement_timeout=10000"]
    tuned = {**env, "DB_CONNECT_TIMEOUT": "2", "DB_STATEMENT_TIMEOUT": "0"}
    assert run(SHOW_OPTIONS, tuned).stdout.split() == ["2", "-c", "statement_timeout=0"]
