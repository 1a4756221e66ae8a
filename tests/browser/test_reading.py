"""A reader lands on the home page and finds their way around, by mouse and by keyboard."""

from tests.browser.conftest import PHONE


def test_reader_follows_the_navigation_from_the_home_page_to_a_strand(demo_site, page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Kinder Communities"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="The programme").click()
    page.wait_for_url("**/programme/")
    page.locator("main a[href*='/programme/']").first.click()

    assert page.locator("h1").count() == 1
    assert page.get_by_role("navigation", name="Breadcrumb").is_visible()


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(demo_site, page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("link => link === document.activeElement")
    assert skip.is_visible()

    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate(
        "document.activeElement.closest('#main') !== null || location.hash === '#main'"
    )


def test_phone_menu_opens_and_closes_from_the_keyboard(demo_site, new_page):
    page = new_page(**PHONE)
    page.goto("/")
    menu = page.get_by_role("navigation", name="Main")
    assert not menu.is_visible()

    page.locator(".site-nav__toggle").focus()
    page.keyboard.press("Enter")
    assert menu.is_visible()
    page.keyboard.press("Enter")
    assert not menu.is_visible()
