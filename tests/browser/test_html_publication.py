"""The demo's report read as a web page, in Chromium: no WCAG violation and valid HTML on a
phone, on a desktop and on paper, and on each chapter's page of a report in chapters; the
contents above the text on a phone and beside it, following the reader, on a wide screen,
with the section being read marked; and a printout without the site's navigation, with link
addresses written out.

Screenshots of each go to test-artifacts/html-publication/, to look at.
"""

from pathlib import Path

import pytest

from publications.models import PublicationIndexPage
from tests.browser.axe import describe, enable_axe, violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.publications.report_examples import chapter_paths, chaptered_report
from tests.quality.vnu import assert_valid_html

PATH = "/library/quantifying-kindness-public-engagement-and-place/"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "html-publication"
VIEWS = [
    pytest.param(PHONE["width"], "screen", id="390"),
    pytest.param(DESKTOP["width"], "screen", id="1280"),
    pytest.param(DESKTOP["width"], "print", id="print"),
]


def open_report(new_page, width, media):
    page = enable_axe(new_page(width=width))
    page.emulate_media(media=media)
    page.goto(PATH)
    return page


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize(("width", "media"), VIEWS)
def test_the_report_has_no_wcag_violation(demo_site, new_page, width, media):
    page = open_report(new_page, width, media)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{width}-{media}.png", full_page=True)
    if found := violations(page):
        pytest.fail(describe({f"{PATH} at {width} px, {media}": found}), pytrace=False)


def test_the_report_is_valid_html_as_the_browser_has_it(demo_site, new_page, tmp_path):
    documents = {}
    for width, media in [(PHONE["width"], "screen"), (DESKTOP["width"], "print")]:
        page = open_report(new_page, width, media)
        # After the contents script has marked a section.
        page.locator(".report-notes").scroll_into_view_if_needed()
        page.wait_for_selector("a[data-contents-link][aria-current]", state="attached")
        documents[f"{width} px, {media}"] = page.content().encode()
    assert_valid_html(documents, tmp_path)


@pytest.fixture
def chapters(demo_site):
    """The address of each chapter of a report in chapters (the demo's have none)."""
    return chapter_paths(chaptered_report(PublicationIndexPage.objects.get()))


@pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]], ids=["390", "1280"])
def test_every_chapter_has_no_wcag_violation_and_is_valid_html(chapters, new_page, tmp_path, width):
    page = enable_axe(new_page(width=width))
    found, documents = {}, {}
    for path in chapters:
        page.goto(path)
        # After the contents script has marked a section.
        page.locator(".report-notes, .report-pagination").last.scroll_into_view_if_needed()
        page.wait_for_selector("a[data-contents-link][aria-current]", state="attached")
        if problems := violations(page):
            found[f"{path} at {width} px"] = problems
        documents[f"{path} at {width} px"] = page.content().encode()
    if found:
        pytest.fail(describe(found), pytrace=False)
    assert_valid_html(documents, tmp_path)


def test_on_a_phone_the_contents_come_before_the_text(demo_site, new_page):
    page = open_report(new_page, PHONE["width"], "screen")
    contents = box(page, ".report-contents")
    first_heading = box(page, ".report-body .report-heading__title")
    assert contents["y"] + contents["height"] <= first_heading["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_wide_screen_the_contents_stay_beside_the_text_and_mark_the_section(
    demo_site, new_page
):
    page = open_report(new_page, DESKTOP["width"], "screen")
    contents = box(page, ".report-contents")
    text = box(page, ".report__main")
    assert contents["x"] + contents["width"] <= text["x"]
    headings = page.locator(".report-body .report-heading__title")
    last = headings.nth(headings.count() - 1)
    last_id = last.get_attribute("id")
    # The last section at the top of the window, the ones before it scrolled past.
    last.evaluate("heading => heading.scrollIntoView({block: 'start'})")
    # Still on screen once the page has scrolled past it, and pointing at this section.
    current = page.locator(f'a[data-contents-link][href="#{last_id}"][aria-current="true"]')
    current.wait_for()
    assert page.locator("a[data-contents-link][aria-current]").count() == 1
    contents_now = box(page, ".report-contents")
    assert 0 <= contents_now["y"] < DESKTOP["height"]


def test_on_paper_only_the_report_shows_with_its_link_addresses(demo_site, new_page):
    page = open_report(new_page, DESKTOP["width"], "print")
    for hidden in [".site-header", ".share", ".site-footer", ".report-contents", ".breadcrumbs"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".report-body").is_visible()
    # An address in the text (the demo's has none) is printed after its words.
    content = page.evaluate(
        """() => {
            const link = document.createElement("a");
            link.href = "https://www.carnegieuktrust.org.uk/";
            link.textContent = "the Trust";
            document.querySelector(".report-body .rich-text p").append(link);
            return getComputedStyle(link, "::after").content;
        }"""
    )
    assert "https://www.carnegieuktrust.org.uk/" in content
    # The report's headings are kept with what follows them.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.report-heading')).breakAfter")
        == "avoid"
    )
