"""Pages go out compressed for readers, Brotli or gzip as their browser asks; nothing that
could carry a secret is compressed; static files come pre-compressed both ways."""

import gzip
from pathlib import Path

import brotli
import pytest
from django.contrib.staticfiles import finders
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from delivery.compression import PublicCompressionMiddleware
from tests.quality.conftest import fetch

BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}
GZIP_ONLY = {"Accept-Encoding": "gzip, deflate"}
DECOMPRESS = {"br": brotli.decompress, "gzip": gzip.decompress}
PAGE = "/library/"


def decoded(response):
    """The body as the browser reads it, whatever the coding."""
    coding = response.get("Content-Encoding")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return DECOMPRESS[coding](body) if coding else body


def test_a_browser_that_takes_brotli_gets_brotli_and_the_same_page(demo, client):
    plain = client.get(PAGE)
    compressed = client.get(PAGE, headers=BROWSER)
    assert compressed["Content-Encoding"] == "br"
    assert "Accept-Encoding" in compressed["Vary"]
    assert brotli.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert len(compressed.content) < len(plain.content) / 3


def test_a_browser_that_takes_only_gzip_gets_gzip(demo, client):
    plain = client.get(PAGE)
    compressed = client.get(PAGE, headers=GZIP_ONLY)
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content


def test_a_browser_that_does_not_ask_gets_plain_html_that_says_it_could_have(demo, client):
    response = client.get(PAGE)
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"<!doctype html>")
    # A shared cache must not hand this plain copy to a browser that asked for Brotli.
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.parametrize(
    ("accept_encoding", "coding"),
    [
        ("br", "br"),
        ("gzip;q=0.5, br;q=0.9", "br"),
        ("br;q=0.5, gzip", "gzip"),
        ("gzip, br;q=0", "gzip"),
        ("BR, GZIP", "br"),
        ("*", "br"),
        ("*;q=0.1, gzip", "gzip"),
        ("gzip;q=0", None),
        ("identity", None),
        ("deflate, compress", None),
        ("gzip;q=banana, br;q=2", None),
        ("", None),
    ],
)
def test_the_clients_weights_choose_the_coding(accept_encoding, coding):
    middleware = PublicCompressionMiddleware(lambda request: HttpResponse("<p>text</p>" * 100))
    request = RequestFactory().get("/a-page/", headers={"Accept-Encoding": accept_encoding})
    response = middleware(request)
    assert response.get("Content-Encoding") == coding
    assert decoded(response) == b"<p>text</p>" * 100


def test_the_page_cache_keeps_one_plain_copy_and_each_reader_gets_their_own_coding(demo, client):
    """Compression sits above the page cache: a page stored while answering a Brotli
    browser is never sent as Brotli to a browser that cannot read it."""
    first = client.get(PAGE, headers=BROWSER)
    assert (first["X-Cache"], first["Content-Encoding"]) == ("miss", "br")
    second = client.get(PAGE, headers=GZIP_ONLY)
    assert (second["X-Cache"], second["Content-Encoding"]) == ("hit", "gzip")
    third = client.get(PAGE)
    assert third["X-Cache"] == "hit"
    assert not third.has_header("Content-Encoding")
    assert decoded(first) == decoded(second) == third.content
    fourth = client.get(PAGE, headers=BROWSER)
    assert (fourth["X-Cache"], fourth["Content-Encoding"]) == ("hit", "br")
    assert decoded(fourth) == third.content


@pytest.mark.parametrize("headers", [BROWSER, GZIP_ONLY])
def test_the_admin_is_never_compressed(editor, headers):
    response = editor.get("/admin/", headers=headers)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


@pytest.mark.parametrize("headers", [BROWSER, GZIP_ONLY])
def test_a_signed_in_editors_public_page_is_never_compressed(demo, editor, headers):
    """The userbar and anything else personal on it stays out of BREACH's reach."""
    response = editor.get(PAGE, headers=headers)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


@pytest.mark.parametrize("headers", [BROWSER, GZIP_ONLY])
def test_a_page_with_a_csrf_token_is_never_compressed(db, headers):
    """BREACH needs a secret in the compressed page: a page that read the token has one."""

    def form(request):
        return HttpResponse(f"<p>{get_token(request)}</p>" + "padding " * 100)

    response = PublicCompressionMiddleware(form)(RequestFactory().get("/a-form/", headers=headers))
    assert not response.has_header("Content-Encoding")
    page = PublicCompressionMiddleware(lambda request: HttpResponse("padding " * 100))
    response = page(RequestFactory().get("/a-page/", headers=headers))
    assert response["Content-Encoding"] in {"br", "gzip"}


@pytest.mark.parametrize("headers", [BROWSER, GZIP_ONLY])
def test_a_streamed_text_response_is_compressed_as_it_streams(headers):
    lines = [f"line {number}, said again and again\n".encode() for number in range(500)]
    middleware = PublicCompressionMiddleware(
        lambda request: StreamingHttpResponse(iter(lines), content_type="text/csv")
    )
    response = middleware(RequestFactory().get("/data.csv", headers=headers))
    assert response["Content-Encoding"] in {"br", "gzip"}
    assert not response.has_header("Content-Length")
    assert decoded(response) == b"".join(lines)


@pytest.mark.parametrize("content_type", ["application/pdf", "image/jpeg", "application/zip"])
def test_what_is_compressed_already_is_sent_as_it_is(content_type):
    """Compressing a PDF, a picture or an archive again costs time and saves nothing."""
    middleware = PublicCompressionMiddleware(
        lambda request: HttpResponse(b"%PDF " * 100, content_type=content_type)
    )
    response = middleware(RequestFactory().get("/file", headers=BROWSER))
    assert not response.has_header("Content-Encoding")
    assert response.content == b"%PDF " * 100


@pytest.mark.parametrize(
    "content_type",
    ["text/html; charset=utf-8", "application/atom+xml", "application/json", "image/svg+xml"],
)
def test_text_of_every_kind_is_compressed(content_type):
    middleware = PublicCompressionMiddleware(
        lambda request: HttpResponse(b"<a>text</a>" * 100, content_type=content_type)
    )
    response = middleware(RequestFactory().get("/file", headers=BROWSER))
    assert response["Content-Encoding"] == "br"


@given(st.text(max_size=80))
def test_no_accept_encoding_header_breaks_a_page(accept_encoding):
    middleware = PublicCompressionMiddleware(lambda request: HttpResponse("padding " * 100))
    request = RequestFactory().get("/a-page/")
    request.META["HTTP_ACCEPT_ENCODING"] = accept_encoding
    response = middleware(request)
    assert decoded(response) == b"padding " * 100


@pytest.mark.parametrize(("headers", "coding"), [(BROWSER, "br"), (GZIP_ONLY, "gzip")])
def test_static_files_are_sent_precompressed_in_the_coding_asked_for(
    db, collected_static, headers, coding
):
    """WhiteNoise serves the .br and .gz files collectstatic wrote beside each file (.br
    because the `brotli` package is installed)."""
    url = static("css/components.css")
    response = fetch(collected_static, url, headers=headers)
    assert response.status_code == 200
    assert response["Content-Encoding"] == coding
    assert "Accept-Encoding" in response["Vary"]
    original = Path(finders.find("css/components.css")).read_bytes()
    assert DECOMPRESS[coding](response.body) == original
    assert len(response.body) < len(original) / 3
