"""A reader finds the news and filters it by strand, from the keyboard and without
JavaScript, on a phone and on a wide screen."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.keyboard import press_until

STRAND = "kindness-in-health-and-social-care"
POST = "/news/the-courage-to-be-kind-published/"

WIDTHS = pytest.mark.parametrize(
    "size", [PHONE, DESKTOP], ids=[str(PHONE["width"]), str(DESKTOP["width"])]
)


@WIDTHS
def test_the_news_filtered_by_strand_without_javascript(demo_site, new_page, size):
    page = new_page(**size, java_script_enabled=False)
    page.goto("/")
    if not page.get_by_role("navigation", name="Main").is_visible():
        page.locator(".site-nav__toggle").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="News").click()
    page.wait_for_url("**/news/")

    page.get_by_label("Strand").select_option(STRAND)
    page.get_by_role("button", name="Show").click()
    # The filtered view is an address a reader can share.
    page.wait_for_url(f"**/news/?strand={STRAND}")
    titles = page.locator(".news-card .card__title").all_inner_texts()
    assert titles == ["The courage to be kind is published"]

    page.get_by_role("link", name="The courage to be kind is published").click()
    page.wait_for_url(f"**{POST}")
    assert page.locator("h1").inner_text() == "The courage to be kind is published"


@WIDTHS
def test_the_news_filtered_by_strand_from_the_keyboard(demo_site, new_page, size):
    page = new_page(**size)
    page.goto("/news/")
    select = page.get_by_label("Strand")
    press_until(page, select)
    # A closed select takes its option from the keys typed, as a reader picks one.
    page.keyboard.type("Kindness in health")
    assert select.input_value() == STRAND
    press_until(page, page.get_by_role("button", name="Show"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/news/?strand={STRAND}")

    first_post = page.locator(".news-card .card__title a").first
    press_until(page, first_post)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{POST}")
    assert page.locator("h1").inner_text() == "The courage to be kind is published"


def test_the_home_page_leads_to_the_latest_news(demo_site, page):
    page.goto("/")
    latest = page.get_by_role("region", name="Latest news")
    latest.get_by_role("link", name="The courage to be kind is published").click()
    page.wait_for_url(f"**{POST}")
    page.get_by_role("link", name="More news").click()
    page.wait_for_url("**/news/")
    assert page.locator("h1").inner_text() == "News"
