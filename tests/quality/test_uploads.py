"""Editors can upload only what a report or film needs, and each refusal says why."""

import io

import pytest
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from publications.demo import make_pdf
from tests.admin_uploads import upload
from tests.html import visible_text
from tests.quality.conftest import parse

Document = get_document_model()
Image = get_image_model()


def png(width=20, height=20):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def upload_document(editor, name, content):
    return upload(editor, "documents", name, content)


def upload_image(editor, name, content):
    return upload(editor, "images", name, content)


def error_text(response):
    assert response.status_code == 200, "the form should be shown again with an error"
    return visible_text(parse(response).find("main") or parse(response))


@pytest.mark.parametrize(
    "name", ["report.pdf", "report.docx", "report.odt", "data.xlsx", "data.csv", "book.epub"]
)
def test_the_formats_a_report_comes_in_are_accepted(editor, name):
    content = make_pdf("Report", ["Text"]) if name.endswith(".pdf") else b"PK\x03\x04 content"
    response = upload_document(editor, name, content)
    assert response.status_code == 302, error_text(response)
    assert Document.objects.filter(title=name).exists()


@pytest.mark.parametrize("name", ["film.mp4", "film.webm", "captions.vtt"])
def test_uploaded_films_and_their_captions_are_accepted(editor, name):
    content = b"WEBVTT\n\n" if name.endswith(".vtt") else b"\x00\x00\x00\x18ftypmp42"
    assert upload_document(editor, name, content).status_code == 302


@pytest.mark.parametrize(
    "name", ["page.html", "drawing.svg", "script.js", "program.exe", "macro.docm", "archive.zip"]
)
def test_other_documents_are_refused_with_the_formats_that_are_allowed(editor, name):
    text = error_text(upload_document(editor, name, b"<script>alert(1)</script>"))
    extension = name.rsplit(".", 1)[1]
    assert f"File extension “{extension}” is not allowed." in text
    assert "Allowed extensions are: pdf, docx, odt, xlsx, csv, epub" in text
    assert not Document.objects.filter(title=name).exists()


def test_a_document_over_the_size_limit_is_refused_saying_how_big_it_may_be(editor, settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 100 * 1024 * 1024
    response = editor.get("/admin/documents/add/")
    assert "Maximum filesize: 100.0 MB." in visible_text(parse(response))

    # The same check with a smaller limit, so the test need not upload 100 MB.
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    text = error_text(upload_document(editor, "big.pdf", b"%PDF-1.4" + b"0" * 2048))
    assert "This file is too big (2.0 KB). Maximum filesize 1.0 KB." in text
    assert not Document.objects.filter(title="big.pdf").exists()


def test_images_in_the_usual_formats_are_accepted(editor):
    assert upload_image(editor, "photo.png", png()).status_code == 302
    assert Image.objects.filter(title="photo.png").count() == 1


def test_svg_images_are_refused(editor):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    text = error_text(upload_image(editor, "logo.svg", svg))
    assert "Not a supported image format. Supported formats: AVIF, GIF, JPG, JPEG, PNG, WEBP." in (
        text
    )
    assert not Image.objects.filter(title="logo.svg").exists()


def test_an_image_over_the_size_limit_is_refused(editor, settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 15 * 1024 * 1024
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50
    content = png()
    assert len(content) > 50
    text = error_text(upload_image(editor, "photo.png", content))
    assert f"This file is too big ({len(content)} bytes). Maximum filesize 50 bytes." in text
    assert not Image.objects.filter(title="photo.png").exists()


def test_an_image_with_too_many_pixels_is_refused(editor, settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    text = error_text(upload_image(editor, "photo.png", png(20, 20)))
    assert "This file has too many pixels (400). Maximum pixels 100." in text
    assert not Image.objects.filter(title="photo.png").exists()
