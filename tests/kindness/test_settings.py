"""Settings come from the environment, and production values are safe."""

import pytest

from tests.environment import PRODUCTION, run


def test_start_up_without_secret_key_stops_with_one_line_when_debug_is_off():
    result = run("import django; django.setup()", {"DEBUG": "0"})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY" in lines[0]


def test_start_up_without_secret_key_is_allowed_for_local_development():
    result = run("import django; django.setup(); print('started')", {"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_database_url_switches_to_postgres():
    code = (
        "import django; django.setup(); from django.db import connection; "
        "print(connection.vendor, connection.settings_dict['NAME'])"
    )
    result = run(code, {**PRODUCTION, "DATABASE_URL": "postgres://u@db.example:5432/kindness"})
    assert result.stdout.split() == ["postgresql", "kindness"]


def test_sqlite_is_the_embedded_default():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    env = {**PRODUCTION, "DATABASE_URL": ""}
    result = run(code, env)
    assert result.stdout.strip() == "django.db.backends.sqlite3"


@pytest.mark.django_db
def test_deploy_check_is_clean_with_production_values():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


SHOW_PAGE_CACHE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.PAGE_CACHE_SECONDS)"
)


def test_the_page_cache_keeps_pages_briefly_unless_every_process_shares_redis():
    # Without Redis a publish reaches only one process's cache, so the others may lag.
    assert run(SHOW_PAGE_CACHE, {**PRODUCTION, "REDIS_URL": ""}).stdout.split() == ["60"]
    shared = {**PRODUCTION, "REDIS_URL": "redis://cache.example:6379/0"}
    assert run(SHOW_PAGE_CACHE, shared).stdout.split() == ["3600"]
    tuned = {**shared, "PAGE_CACHE_SECONDS": "0"}
    assert run(SHOW_PAGE_CACHE, tuned).stdout.split() == ["0"]
