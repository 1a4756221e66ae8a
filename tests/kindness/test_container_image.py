"""The production image (Dockerfile), as far as it can be made and run without a Docker engine
(this machine has none): hadolint reads the Dockerfile; the build context that .dockerignore
leaves is copied, its static files are collected by the Dockerfile's own command, and the
image's command and health check are run in that copy. Then the entry point and the health
check alone: gunicorn with deploy/gunicorn.conf.py, asked by deploy/healthcheck.py over plain
HTTP inside the container, as Docker's HEALTHCHECK does."""

import contextlib
import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

import pytest

from tests.environment import PRODUCTION, PROJECT
from tests.servers import free_port, start, stop

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


def health_check(port, command=(sys.executable, "deploy/healthcheck.py"), cwd=PROJECT, env=None):
    """The health check's result against `port`: by default deploy/healthcheck.py, run with
    only the two variables it reads."""
    # The first request loads the URLs and templates: not what the check measures.
    warm_up = Request(
        f"http://127.0.0.1:{port}/healthz", headers={"Host": urlsplit(PUBLIC_URL).netloc}
    )
    with contextlib.suppress(OSError):
        urlopen(warm_up, timeout=30).close()
    return subprocess.run(
        list(command),
        cwd=cwd,
        env=env or {"PORT": str(port), "PUBLIC_URL": PUBLIC_URL},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_healthy_over_plain_http_though_production_redirects_to_https(serve):
    result = health_check(serve())
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"status": "ok"' in result.stdout


def test_unhealthy_when_the_cache_does_not_answer(serve):
    result = health_check(serve(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0"))
    assert result.returncode == 1
    assert "/healthz answered 503" in result.stdout


def test_unhealthy_when_nothing_answers():
    result = health_check(free_port())
    assert result.returncode == 1
    assert "/healthz did not answer" in result.stdout


DOCKERFILE = PROJECT / "Dockerfile"
HADOLINT = Path(sys.executable).parent / "hadolint"


def test_the_dockerfile_follows_hadolints_rules():
    """Every rule on; the one rule set aside (version pins on Debian's packages) says why,
    beside the lines it is set aside for."""
    result = subprocess.run(
        [HADOLINT, "--no-color", "--failure-threshold", "info", DOCKERFILE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def instructions(stage):
    """The Dockerfile's instructions in `stage` (and the stages it is built FROM), in order,
    as (keyword, arguments) with continued lines joined."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    stages, current = {}, None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        if keyword == "FROM":
            image, _, name = arguments.partition(" AS ")
            current = stages[name] = [*stages.get(image, [])]
        elif current is not None:
            current.append((keyword, arguments))
    return stages[stage]


def build_context(destination):
    """Copies what `docker build .` sends the engine: the project less .dockerignore."""
    patterns = [
        line.strip()
        for line in (PROJECT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert not [pattern for pattern in patterns if pattern.startswith("!")], "not read here"

    def matches(parts, pattern):
        # As Docker matches: `*` stays within a name, `**/` stands for any folders.
        first, _, rest = pattern.partition("/")
        if first == "**":
            return any(matches(parts[start:], rest) for start in range(len(parts)))
        if not rest:
            return len(parts) == 1 and fnmatch.fnmatchcase(parts[0], first)
        return len(parts) > 1 and fnmatch.fnmatchcase(parts[0], first) and matches(parts[1:], rest)

    def ignored(relative):
        return any(matches(relative.parts, pattern) for pattern in patterns)

    for folder, folders, files in os.walk(PROJECT):
        here = Path(folder).relative_to(PROJECT)
        folders[:] = [name for name in folders if not ignored(here / name)]
        for name in files:
            if not ignored(here / name):
                (destination / here).mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(folder) / name, destination / here / name)


def test_the_image_collects_its_static_files_serves_them_and_is_healthy(tmp_path):
    app = tmp_path / "app"
    build_context(app)
    sent = {path.name for path in app.iterdir()}
    assert not sent & {".git", ".venv", "node_modules", "staticfiles", "tests"}, sent
    assert not list(app.rglob("__pycache__"))

    steps = instructions("web")
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    # The image's environment, but for the paths of the container's own disk.
    for keyword, arguments in steps:
        if keyword == "ENV":
            for assignment in shlex.split(arguments):
                name, _, value = assignment.partition("=")
                if name not in {"PATH", "MEDIA_ROOT"}:
                    env[name] = value
    # The build's one command that is the site's own: static files collected, no secret given.
    (collect,) = [arguments for keyword, arguments in steps if "collectstatic" in arguments]
    result = subprocess.run(
        ["sh", "-c", collect], cwd=app, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((app / "var" / "static-manifest" / "staticfiles.json").read_text())
    manifest = manifest["paths"]
    # Not among the files nginx and WhiteNoise serve.
    assert not list((app / "staticfiles").glob("staticfiles.json*"))

    # The image's command, with the health check it declares.
    command = [json.loads(arguments) for keyword, arguments in steps if keyword == "CMD"][-1]
    (health,) = [arguments for keyword, arguments in steps if keyword == "HEALTHCHECK"]
    health = json.loads(health.split(" CMD ", 1)[1])
    port = free_port()
    env = {
        **env,
        **PRODUCTION,
        "PUBLIC_URL": PUBLIC_URL,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        # Plain HTTP, as compose.yaml runs it: production would send this request to https.
        "SECURE_SSL_REDIRECT": "0",
    }
    server = start(command, port, tmp_path / "gunicorn.log", env, cwd=app)
    try:
        checked = health_check(port, health, cwd=app, env=env)
        assert checked.returncode == 0, checked.stdout + checked.stderr

        # A hashed stylesheet from the collected files, as the image's WhiteNoise sends it.
        stylesheet = manifest["css/base.css"]
        host = {"Host": urlsplit(PUBLIC_URL).netloc}
        with urlopen(
            Request(f"http://127.0.0.1:{port}/static/{stylesheet}", headers=host), timeout=10
        ) as response:
            assert response.status == 200
            assert "immutable" in response.headers["Cache-Control"]
            assert response.read() == (app / "staticfiles" / stylesheet).read_bytes()
    finally:
        stop(server)
