"""Pages are read with GET and HEAD only, and every client error is a designed page that
passes the strict Content Security Policy."""

import io
import logging
from contextlib import contextmanager

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path, reverse

import kindness.urls
from tests.html import inline_code, visible_text
from tests.quality.conftest import parse
from tests.quality.headers import STRICT, policy


def assert_designed(response, status, heading):
    assert response.status_code == status
    html = parse(response)
    assert visible_text(html.h1) == heading
    assert html.select_one("header")
    assert html.select_one("footer")
    assert not inline_code(html)
    csp = policy(response)
    assert {directive: csp.get(directive) for directive in STRICT} == STRICT
    return html


@pytest.mark.parametrize("method", ["options", "trace", "post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/", "/programme/", "/library/", "/search/?q=kind", "/feed/"])
def test_public_pages_answer_only_get_and_head(demo, client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    if url != "/feed/":  # Not a page a person reads, but the answer is the same.
        html = assert_designed(response, 405, "Not allowed")
        assert "The programme" not in visible_text(html.main)


@pytest.mark.parametrize("url", ["/sitemap.xml", "/robots.txt", "/healthz", "/favicon.ico"])
def test_the_sites_machine_readable_addresses_answer_only_get_and_head(demo, client, url):
    assert client.options(url).status_code == 405
    assert client.trace(url).status_code == 405
    assert client.head(url).status_code in {200, 302}


def test_a_form_sent_without_its_csrf_token_gets_the_designed_page(demo):
    client = Client(enforce_csrf_checks=True)
    # Wagtail's password form for a private page: a public address that checks the token.
    url = reverse("wagtailcore_authenticate_with_password", args=[1, demo.pk])
    response = client.post(url, {"password": "guess", "return_url": "/"})
    html = assert_designed(response, 403, "Your form could not be sent")
    assert "reload the page" in visible_text(html.main)


def test_a_request_for_another_host_gets_the_designed_400(demo, client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert_designed(response, 400, "Bad request")


@contextmanager
def site_log():
    """What the site's own log handler (settings.LOGGING's "console") writes, with its filters."""
    (handler,) = [h for h in logging.getLogger().handlers if h.name == "console"]
    written = io.StringIO()
    stream = handler.setStream(written)
    try:
        yield written
    finally:
        handler.setStream(stream)


def test_a_refused_host_header_is_one_short_line_in_the_log(demo, client):
    # Django's own record quoted the header twice, with a traceback: 33 kB for this one.
    with site_log() as log:
        assert_designed(client.get("/", HTTP_HOST="a" * 8000), 400, "Bad request")
        assert_designed(client.get("/", HTTP_HOST="evil.example"), 400, "Bad request")
    lines = log.getvalue().splitlines()
    assert len(lines) == 2, log.getvalue()
    assert lines[0] == f"Refused a request for host {'a' * 100!r} (8000 characters)"
    assert lines[1] == "Refused a request for host 'evil.example' (12 characters)"


def forbidden(request):
    raise PermissionDenied


# The site's URLs with one view that refuses, to see the 403 page as a visitor does.
urlpatterns = [path("forbidden/", forbidden), *kindness.urls.urlpatterns]
handler403 = kindness.urls.handler403


@pytest.mark.urls(__name__)
def test_a_refusal_gets_the_designed_403(demo, client):
    assert_designed(client.get("/forbidden/"), 403, "Not allowed")
