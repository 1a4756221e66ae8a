"""Keyboard only: Tab, Shift+Tab and Enter take a reader everywhere, and focus always shows."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.keyboard import assert_focus_shown, every_tab_stop, focused, press_until
from tests.browser.pages import quality_pages


def test_tab_shift_tab_and_enter_reach_a_strand_from_the_home_page(demo_site, page):
    page.goto("/")
    press_until(
        page, page.get_by_role("navigation", name="Main").get_by_role("link", name="The programme")
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/programme/")

    first_strand = page.locator("main a[href*='/programme/']").first
    press_until(page, first_strand)
    # One stop too far and back again: Shift+Tab works the other way.
    page.keyboard.press("Tab")
    press_until(page, first_strand, key="Shift+Tab")
    strand_address = first_strand.get_attribute("href")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**{strand_address}")
    assert page.locator("h1").count() == 1


def test_tab_and_enter_reach_a_person_from_the_home_page(demo_site, page):
    page.goto("/")
    press_until(
        page, page.get_by_role("navigation", name="Main").get_by_role("link", name="People")
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/people/")

    first_person = page.locator("main a[href*='/people/']").first
    press_until(page, first_person)
    name, address = first_person.inner_text(), first_person.get_attribute("href")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**{address}")
    assert page.locator("h1").inner_text() == name


@pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]], ids=["390", "1280"])
def test_focus_is_visible_at_every_tab_stop_of_every_page(demo_site, new_page, width):
    page = new_page(width=width)
    invisible = []
    for site_page in quality_pages():
        page.goto(site_page.path)
        stops = every_tab_stop(page)
        assert stops or not page.locator("a[href]").count(), f"No Tab stop on {site_page}"
        invisible += [f"{site_page}: {stop['element']}" for stop in stops if not stop["shown"]]

    assert not invisible, "Focus cannot be seen on:\n" + "\n".join(invisible)


# The first element a Tab reaches inside the main content.
FIRST_STOP_IN_MAIN = """() => document.querySelector(
    "main a[href], main button, main input:not([type=hidden]), main select, main textarea"
)"""


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(demo_site, page):
    page.goto("/")
    page.keyboard.press("Tab")
    stop = assert_focus_shown(page)
    assert stop["text"] == "Skip to main content"
    assert page.get_by_role("link", name="Skip to main content").is_visible()

    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("document.activeElement.id") == "main", focused(page)

    page.keyboard.press("Tab")
    first_stop = page.evaluate_handle(FIRST_STOP_IN_MAIN)
    assert page.evaluate("stop => stop === document.activeElement", first_stop), focused(page)


def test_phone_menu_opens_closes_and_is_skipped_while_closed_from_the_keyboard(demo_site, new_page):
    page = new_page(**PHONE)
    page.goto("/")
    toggle = page.locator(".site-nav__toggle")
    menu = page.get_by_role("navigation", name="Main")
    first_link = menu.get_by_role("link").first

    press_until(page, toggle)
    page.keyboard.press("Enter")
    assert menu.is_visible()
    page.keyboard.press("Tab")
    assert first_link.evaluate("link => link === document.activeElement")
    assert_focus_shown(page)

    page.keyboard.press("Shift+Tab")
    assert toggle.evaluate("toggle => toggle === document.activeElement")
    page.keyboard.press("Space")
    assert not menu.is_visible()
    # Closed, the menu's links are out of the Tab order.
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.closest('nav[aria-label=Main]') !== null")
