"""Every newsletter page, error states included: valid HTML, no inline code, never cached."""

from bs4 import BeautifulSoup

from tests.html import inline_code
from tests.newsletter.states import newsletter_pages
from tests.quality.vnu import assert_valid_html


def test_every_newsletter_page_is_valid_html(demo, client, tmp_path):
    documents = {}
    for label, (response, status) in newsletter_pages(client).items():
        assert response.status_code == status, label
        documents[label] = response.content
    assert_valid_html(documents, tmp_path)


def test_no_newsletter_page_has_inline_code_or_is_cached(demo, client):
    for label, (response, _status) in newsletter_pages(client).items():
        assert inline_code(BeautifulSoup(response.content, "html.parser")) == [], label
        assert "no-store" in response["Cache-Control"], label
