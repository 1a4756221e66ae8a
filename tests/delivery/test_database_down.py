"""A database that cannot be reached: a designed 503 page, and timeouts so none hangs."""

from bs4 import BeautifulSoup

from tests.environment import PRODUCTION, run
from tests.servers import free_port

# The tests' settings (static files found in place, no collectstatic needed) with a database
# that refuses connections.
GET_HOME = (
    "import django; django.setup(); from django.test import Client; "
    "c = Client(raise_request_exception=False); "
    "r = c.get('/'); "
    "print(r.status_code, r.get('Retry-After'), r.get('Cache-Control')); print(r.content.decode())"
)


def test_a_refused_database_is_a_designed_503_with_retry_after():
    database = f"postgres://kindness@127.0.0.1:{free_port()}/kindness"
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


# Addresses whose database query happens outside any view: a stray path falls through the
# URL patterns to the 404 page, which looks up the site, and the redirects middleware looks
# for a redirect for any 404; both run where Django turns an exception into a 500.
OUTSIDE_VIEWS = ["/wp-login.php", "/nothing-here.txt"]
# Every kind of address, several times over, as a crowd would send them.
CROWD = """
import django, time
django.setup()
from django.test import Client
import delivery.outage, kindness.views
{tune}
client = Client(raise_request_exception=False)
answers = []
started = time.monotonic()
for url in ["/", "/library/", "/search/?q=kind", "/admin/login/", "/healthz", *{outside}] * 5:
    response = client.get(url)
    answers.append(f"{{response.status_code}}:{{response.get('Retry-After')}}")
    time.sleep({pause})
print(" ".join(answers), time.monotonic() - started)
"""


def run_crowd(tune="", pause=0):
    database = f"postgres://kindness@127.0.0.1:{free_port()}/kindness"
    env = {"DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": database, "REDIS_URL": ""}
    result = run(CROWD.format(tune=tune, pause=pause, outside=OUTSIDE_VIEWS), env)
    assert result.returncode == 0, result.stderr
    *answers, seconds = result.stdout.split()
    return answers, result.stderr, float(seconds)


def test_every_address_gets_the_503_and_the_log_one_line_not_one_per_request():
    answers, log, _ = run_crowd()
    # The addresses that query outside any view too; /healthz says 503 in its own words.
    assert set(answers) == {"503:30", "503:None"}
    assert answers.count("503:None") == 5
    # Thirty-five requests: one line for the pages, one for the health check; no traceback.
    lines = log.strip().splitlines()
    assert len(lines) == 2, log
    assert lines[0].startswith("Database unavailable, answering 503")
    assert "Connection refused" in lines[0]
    assert lines[1].startswith("Health check: the database is unavailable")
    assert len(log) < 600


def test_a_long_outage_is_said_again_once_a_minute():
    # A minute, made a fifth of a second so the test can wait for it.
    interval = 0.2
    _, log, seconds = run_crowd(
        tune=f"delivery.outage.outage_log.interval = {interval}", pause=0.05
    )
    said = [line for line in log.splitlines() if line.startswith("Database unavailable")]
    # Said again while the outage lasts, but never more often than the interval allows,
    # however fast or slow the requests came.
    assert 2 <= len(said) <= seconds / interval + 1, (seconds, log)
    assert "Traceback" not in log


SHOW_OPTIONS = (
    "import django; django.setup(); from django.conf import settings; "
    "o = settings.DATABASES['default']['OPTIONS']; print(o['connect_timeout'], o['options'], "
    "o['keepalives'], o['tcp_user_timeout'], settings.DB_ANSWER_TIMEOUT, "
    "settings.DB_CHANGES_ANSWER_TIMEOUT)"
)


def test_postgres_gives_up_connecting_waiting_and_cancels_slow_statements():
    env = {**PRODUCTION, "DATABASE_URL": "postgres://u@db.example:5432/kindness"}
    result = run(SHOW_OPTIONS, env)
    # A reader waits 2 s for an answer; a change (publishing) until Postgres's own limit, +5 s.
    expected = [
        *["2", "-c", "statement_timeout=10000", "-c", "jit=off", "-c", "join_collapse_limit=4"],
        *["1", "10000", "2.0", "15.0"],
    ]
    assert result.stdout.split() == expected
    tuned = {
        **env,
        "DB_CONNECT_TIMEOUT": "3",
        "DB_STATEMENT_TIMEOUT": "0",
        "DB_ANSWER_TIMEOUT": "0",
    }
    words = run(SHOW_OPTIONS, tuned).stdout.split()
    assert (words[:3], words[-2:]) == (["3", "-c", "statement_timeout=0"], ["0.0", "0"])
    assert "jit=off" in words
