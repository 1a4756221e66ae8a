"""A reader lands on the home page and finds their way around by mouse.

The same by keyboard, the skip link and the phone menu are in test_keyboard.py.
"""


def test_reader_follows_the_navigation_from_the_home_page_to_a_strand(demo_site, page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Kinder Communities"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="The programme").click()
    page.wait_for_url("**/programme/")
    page.locator("main a[href*='/programme/']").first.click()

    assert page.locator("h1").count() == 1
    assert page.get_by_role("navigation", name="Breadcrumb").is_visible()
