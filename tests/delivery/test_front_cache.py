"""nginx in front (deploy/nginx.conf): it caches pages until a publish purges them, serves
static and media files itself, and keeps slow clients away from gunicorn's workers.

Each test starts nginx from the rendered deploy/nginx.conf on free ports (tests/nginx.py).
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, Site

from people.models import PersonPage
from publications.models import PublicationPage
from tests.nginx import PROJECT, render, running_nginx, wait_for_port
from tests.servers import free_port


def heading(body):
    return BeautifulSoup(body, "html.parser").h1.get_text(" ", strip=True)


@pytest.fixture
def nginx_in_front(live_server, tmp_path, settings):
    """nginx in front of the live server, and the site told to purge it."""
    upstream = live_server.url.removeprefix("http://")
    with running_nginx(tmp_path, upstream) as nginx:
        settings.WAGTAILFRONTENDCACHE = {
            "nginx": {"BACKEND": "delivery.front_cache.PurgeBackend", "LOCATION": nginx.purge_url}
        }
        yield nginx


@pytest.mark.django_db(transaction=True)
def test_nginx_serves_a_page_from_its_cache_until_a_publish_purges_it(nginx_in_front):
    nginx = nginx_in_front
    publication = PublicationPage.objects.live().first()
    url = publication.url
    for path in (url, "/library/"):
        statuses = [nginx.get(path)[1]["X-Cache-Status"] for _ in range(2)]
        assert statuses == ["MISS", "HIT"], path
    # Tracking parameters are the same page, and are answered from the same copy.
    assert nginx.get(f"{url}?utm_source=newsletter")[1]["X-Cache-Status"] == "HIT"

    publication.title = "A report retitled on launch day"
    publication.save_revision().publish()

    status, headers, body = nginx.get(url)
    assert (status, headers["X-Cache-Status"]) == (200, "MISS")
    assert heading(body) == "A report retitled on launch day"
    # The library lists it: purged too, from the same list the page cache forgets.
    status, headers, body = nginx.get("/library/")
    assert headers["X-Cache-Status"] == "MISS"
    assert "A report retitled on launch day" in body.decode()
    assert nginx.get(url)[1]["X-Cache-Status"] == "HIT"

    publication.unpublish()
    assert nginx.get(url)[0] == 404


@pytest.mark.django_db(transaction=True)
def test_a_moved_page_is_purged_from_its_old_address(nginx_in_front):
    nginx = nginx_in_front
    person = PersonPage.objects.live().first()
    old_url = person.url
    nginx.get(old_url)
    assert nginx.get(old_url)[1]["X-Cache-Status"] == "HIT"
    person.move(Page.objects.get(url_path="/home/about/"), pos="last-child")
    # The old address now answers Wagtail's redirect, not the copy nginx held.
    status, headers, _ = nginx.get(old_url)
    assert (status, headers["Location"]) == (301, f"/about/{person.slug}/")


@pytest.mark.django_db(transaction=True)
def test_a_site_wide_change_purges_the_files_that_carry_the_sites_name(nginx_in_front):
    nginx = nginx_in_front
    for path in ("/robots.txt", "/manifest.webmanifest"):
        nginx.get(path)
        assert nginx.get(path)[1]["X-Cache-Status"] == "HIT", path

    site = Site.objects.get(is_default_site=True)
    site.site_name = "Kinder Communities, renamed"
    site.save()

    status, headers, body = nginx.get("/manifest.webmanifest")
    assert (status, headers["X-Cache-Status"]) == (200, "MISS")
    assert json.loads(body)["name"] == "Kinder Communities, renamed"
    assert nginx.get("/robots.txt")[1]["X-Cache-Status"] == "MISS"


@pytest.mark.django_db(transaction=True)
def test_signed_in_and_filtered_requests_go_past_nginxs_cache(nginx_in_front):
    nginx = nginx_in_front
    for headers in ({"Cookie": "sessionid=abc"}, {"Cookie": "theme=dark; csrftoken=x"}):
        nginx.get("/library/")
        assert nginx.get("/library/", headers=headers)[1]["X-Cache-Status"] == "BYPASS"
    # A filter or a search is a page of its own, which a purge could not name: left to the
    # site's own page cache, which forgets every query string of a changed path.
    assert nginx.get("/library/?type=report")[1]["X-Cache-Status"] == "BYPASS"
    assert nginx.get("/search/?q=kindness")[1]["X-Cache-Status"] == "BYPASS"
    assert nginx.get("/admin/login/")[1].get("X-Cache-Status") is None


def test_static_and_media_files_are_served_from_disk(tmp_path):
    static, media = tmp_path / "static", tmp_path / "media"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.0123456789ab.css").write_text("body { color: #222; }\n" * 50)
    (static / "css" / "site.0123456789ab.css.br").write_bytes(b"brotli bytes")
    (static / "css" / "site.0123456789ab.css.gz").write_bytes(b"gzip bytes")
    (static / "staticfiles.json").write_text("{}")
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "private.pdf").write_bytes(b"%PDF-1.7")
    (media / "images").mkdir()
    (media / "images" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    # No gunicorn at all: whatever answers here, nginx answered alone.
    with running_nginx(tmp_path, f"127.0.0.1:{free_port()}") as nginx:
        status, headers, body = nginx.get(
            "/static/css/site.0123456789ab.css", headers={"Accept-Encoding": "br, gzip"}
        )
        assert (status, body, headers["Content-Encoding"]) == (200, b"brotli bytes", "br")
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert headers["X-Content-Type-Options"] == "nosniff"
        # A browser that takes only gzip gets the .gz copy collectstatic wrote beside it.
        status, headers, body = nginx.get(
            "/static/css/site.0123456789ab.css", headers={"Accept-Encoding": "gzip"}
        )
        assert (status, body, headers["Content-Encoding"]) == (200, b"gzip bytes", "gzip")
        assert headers["Vary"] == "Accept-Encoding"
        assert nginx.get("/static/staticfiles.json")[0] == 404
        status, headers, _ = nginx.get("/media/images/photo.jpg")
        assert (status, headers["Content-Type"]) == (200, "image/jpeg")
        # An upload is never run as a page of the site (an SVG's or HTML file's scripts).
        assert headers["Content-Security-Policy"] == (
            "default-src 'none'; frame-ancestors 'none'; sandbox"
        )
        assert headers["X-Content-Type-Options"] == "nosniff"
        # Documents go through the site, which applies their privacy settings.
        assert nginx.get("/media/documents/private.pdf")[0] == 404


def test_only_the_sites_own_machines_may_purge(tmp_path):
    with running_nginx(tmp_path, f"127.0.0.1:{free_port()}") as nginx:
        purge = nginx.purge_port
        assert nginx.request("PURGE", "/library/", port=purge)[0] == 404  # not cached
        assert nginx.request("GET", "/library/", port=purge)[0] == 405
        relayed = {"X-Forwarded-For": "203.0.113.9"}
        assert nginx.request("PURGE", "/library/", port=purge, headers=relayed)[0] == 403
        # An address outside the purge server's allow list is refused. Of the loopback
        # addresses only 127.0.0.1 is listed, so 127.0.0.2 stands in for a stranger's.
        assert nginx.request("PURGE", "/library/", port=purge, source="127.0.0.2")[0] == 403
        # An unknown Host is closed without an answer, never passed to the site.
        with pytest.raises((ConnectionError, OSError)):
            nginx.get("/", host="attacker.example")


def test_the_purge_server_listens_only_on_this_machine_unless_told_otherwise(tmp_path):
    """Rendered without NGINX_PURGE_LISTEN (as deploy/nginx.conf's header shows), the purge
    server is bound to the loopback address: nothing off the machine can reach it."""
    rendered = render(tmp_path, "127.0.0.1:8000").read_text().splitlines()
    config = "\n".join(line for line in rendered if not line.lstrip().startswith("#"))
    (purge_server,) = [
        server for server in config.split("server {") if "proxy_cache_purge" in server
    ]
    assert re.findall(r"^\s*listen\s+([^;]+);", purge_server, re.MULTILINE) == ["127.0.0.1:8081"]


@contextmanager
def gunicorn(tmp_path, workers=2):
    """The site under gunicorn, production settings, `workers` sync workers. Its database is
    an empty SQLite file: /healthz, the page these tests ask for, reads no table."""
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kindness.settings",
        "DEBUG": "0",
        "SECRET_KEY": "tests-only-not-a-secret",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "REDIS_URL": "",
    }
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "kindness.wsgi:application"),
            *("--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--preload"),
            *("--worker-class", "sync", "--log-level", "warning", "--no-control-socket"),
        ],
        start_new_session=True,
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=20)
        yield f"127.0.0.1:{port}"
    finally:
        # Quick shutdown (SIGTERM would let each worker finish what it holds); gunicorn's
        # master then lingers for seconds after its workers have gone, so it is not waited for.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Trickle:
    """Connections that send a request's headers a few bytes a second and never finish."""

    def __init__(self, port, count):
        self.sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._send, daemon=True)

    def _send(self):
        head = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
        for sock in self.sockets:
            sock.sendall(head)
        while not self.stop.wait(0.3):
            for sock in self.sockets:
                with suppress(OSError):  # Closed already by finish().
                    sock.sendall(b"z")

    def __enter__(self):
        self.thread.start()
        time.sleep(0.5)  # Every connection accepted and waiting for the rest of its headers.
        return self

    def finish(self):
        self.stop.set()
        self.thread.join()
        for sock in self.sockets:
            sock.close()

    def __exit__(self, *exc_info):
        self.finish()


def timed_get(port, path="/healthz"):
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        request = f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        sock.sendall(request.encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return time.monotonic() - started, answer.split(b" ", 2)[1]


def test_slow_clients_never_hold_gunicorns_workers(tmp_path):
    with gunicorn(tmp_path) as upstream:
        port = int(upstream.rpartition(":")[2])
        # Facing gunicorn directly, two trickling clients hold both workers: a reader waits
        # for as long as they trickle. (What the test guards against, shown first.)
        with Trickle(port, 2) as trickle:
            threading.Timer(2.5, trickle.finish).start()
            waited, status = timed_get(port)
        assert waited > 1.5
        with running_nginx(tmp_path, upstream) as nginx, Trickle(nginx.port, 10):
            waited, status = timed_get(nginx.port)
            assert status == b"200"
            assert waited < 1.0
