"""/healthz tells a load balancer whether this instance can serve: database and cache."""

import json

from tests.environment import PRODUCTION, run
from tests.servers import free_port


def test_healthy_when_the_database_and_cache_answer_and_never_cached(db, client):
    for _ in range(2):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
        assert "no-store" in response["Cache-Control"]
        assert response["X-Cache"] == "bypass"
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


# A production process asks itself for /healthz, with a real database and cache or broken ones.
ASK = (
    "import django, json; django.setup(); from django.test import Client; "
    "r = Client().get('/healthz', secure=True, HTTP_HOST='kindercommunities.example.org'); "
    "print(r.status_code, r.content.decode())"
)


def ask(tmp_path, **env):
    sqlite = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    result = run(ASK, {**PRODUCTION, "DATABASE_URL": sqlite, "REDIS_URL": "", **env})
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split(" ", 1)
    return int(status), json.loads(body), result.stderr


def test_a_fresh_process_with_its_own_database_is_healthy(tmp_path):
    status, body, _ = ask(tmp_path)
    assert (status, body["status"]) == (200, "ok")


def test_unhealthy_when_the_cache_cannot_be_reached(tmp_path):
    status, body, log = ask(tmp_path, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    assert status == 503
    assert body == {"status": "unavailable", "database": "ok", "cache": "unavailable"}
    assert "Health check: the cache is unavailable" in log


def test_unhealthy_when_the_database_refuses_connections(tmp_path):
    database = f"postgres://kindness@127.0.0.1:{free_port()}/kindness"
    status, body, log = ask(tmp_path, DATABASE_URL=database)
    assert status == 503
    assert body == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
    assert "Health check: the database is unavailable" in log
