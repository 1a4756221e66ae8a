"""The image's entry point and health check: gunicorn with deploy/gunicorn.conf.py, asked by
deploy/healthcheck.py over plain HTTP inside the container, as Docker's HEALTHCHECK does."""

import contextlib
import subprocess
import sys
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

import pytest

from tests.kindness.test_healthz import closed_port
from tests.kindness.test_many_instances import start, stop
from tests.kindness.test_page_cache import free_port
from tests.kindness.test_settings import PRODUCTION, PROJECT

PUBLIC_URL = "https://kindercommunities.example.org"


@pytest.fixture
def serve(tmp_path):
    """Starts the production entry point with these settings; stops it after the test."""
    processes = []

    def serve(**env):
        port = free_port()
        environment = {
            **PRODUCTION,
            "PUBLIC_URL": PUBLIC_URL,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
            "REDIS_URL": "",
            "PATH": "/usr/bin:/bin",
            **env,
        }
        command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
        command += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
        processes.append(start(command, port, tmp_path / f"gunicorn-{port}.log", environment))
        return port

    yield serve
    for process in processes:
        stop(process)


def health_check(port):
    # The first request loads the URLs and templates: not what the check measures.
    warm_up = Request(
        f"http://127.0.0.1:{port}/healthz", headers={"Host": urlsplit(PUBLIC_URL).netloc}
    )
    with contextlib.suppress(OSError):
        urlopen(warm_up, timeout=30).close()
    return subprocess.run(
        [sys.executable, "deploy/healthcheck.py"],
        cwd=PROJECT,
        env={"PORT": str(port), "PUBLIC_URL": PUBLIC_URL},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_healthy_over_plain_http_though_production_redirects_to_https(serve):
    result = health_check(serve())
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"status": "ok"' in result.stdout


def test_unhealthy_when_the_cache_does_not_answer(serve):
    result = health_check(serve(REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0"))
    assert result.returncode == 1
    assert "/healthz answered 503" in result.stdout


def test_unhealthy_when_nothing_answers():
    result = health_check(closed_port())
    assert result.returncode == 1
    assert "/healthz did not answer" in result.stdout
