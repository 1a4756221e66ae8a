"""The content checker in the page editor (the "Checks" panel) flags what this site's rules
add to Wagtail's: link text that does not say where it goes, and a table with no header row;
a page written well shows none of them. In Chromium, as an editor, under the strict CSP.

Screenshots of the panel go to /tmp/content-checks/, to look at."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from programme.models import HomePage
from publications.models import PublicationPage
from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import EDITOR_PASSWORD, EDITOR_USERNAME
from tests.programme.factories import ContentPageFactory
from tests.two_factor import sign_in_in_browser

SCREENSHOTS = Path("/tmp/content-checks")
VAGUE = "Link text does not say where it goes"
NO_HEADERS = "Table has no header row"


def content_page(title, html):
    page = ContentPageFactory(parent=HomePage.objects.get(), title=title)
    page.body = [("paragraph", RichText(html))]
    page.save_revision().publish()
    return page


def checks_found(browser_page, page, name):
    """The editor's "Checks" panel for `page`, once the checker has run: its text."""
    browser_page.goto(f"/admin/pages/{page.pk}/edit/")
    toggle = browser_page.locator("[data-side-panel-toggle=checks]")
    # The admin remembers an open panel from page to page.
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    panel = browser_page.locator("[data-side-panel=checks]")
    # The checker runs axe in the preview, then counts its words: once they are counted, the
    # issues are listed.
    expect(panel.locator("[data-content-word-count]")).not_to_have_text("-", timeout=20_000)
    width = browser_page.viewport_size["width"]
    SCREENSHOTS.mkdir(exist_ok=True)
    browser_page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png")
    return panel.inner_text()


@pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]])
def test_vague_link_text_shows_in_the_editors_checks_and_a_clean_page_shows_none(
    demo_site, editor_account, new_page, width
):
    vague = content_page(
        "Our vague page", '<p>To read the brief, <a href="/about/">click here</a>.</p>'
    )
    clean = content_page(
        "Our clear page", '<p>Read <a href="/about/">what the programme is for</a>.</p>'
    )
    editor = new_page(width=width)
    sign_in_in_browser(
        editor, EDITOR_USERNAME, EDITOR_PASSWORD, editor_account.totpdevice_set.get()
    )

    found = checks_found(editor, vague, "vague")
    assert VAGUE in found
    assert 'Replace "click here"' in found
    found = checks_found(editor, clean, "clean")
    assert VAGUE not in found, found
    # Nor does what the site's templates add to a page: a citation's address, say.
    publication = PublicationPage.objects.live().first()
    assert VAGUE not in checks_found(editor, publication, "publication")
