"""Pages go out compressed for readers; nothing that could carry a secret is compressed."""

import gzip

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from kindness.middleware import PublicGZipMiddleware

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_a_public_page_is_sent_gzipped_and_says_it_varies(demo, client):
    plain = client.get("/library/")
    compressed = client.get("/library/", headers=GZIP)
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2


def test_a_browser_that_does_not_ask_gets_plain_html(demo, client):
    response = client.get("/library/")
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"<!doctype html>")


def test_the_admin_is_never_compressed(editor):
    response = editor.get("/admin/", headers=GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_a_page_with_a_csrf_token_is_never_compressed(db):
    """BREACH needs a secret in the compressed page: a page that read the token has one."""

    def view(request):
        return HttpResponse(f"<p>{get_token(request)}</p>" + "padding " * 100)

    request = RequestFactory().get("/a-form/", headers=GZIP)
    response = PublicGZipMiddleware(view)(request)
    assert not response.has_header("Content-Encoding")
    request = RequestFactory().get("/a-page/", headers=GZIP)
    response = PublicGZipMiddleware(lambda r: HttpResponse("padding " * 100))(request)
    assert response["Content-Encoding"] == "gzip"
