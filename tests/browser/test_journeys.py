"""A reader lands on the home page and follows the navigation to each kind of page."""

from tests.browser.pages import first_live, first_live_report_with_a_download


def follow_menu(page, name):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def test_home_to_a_strand(demo_site, page):
    strand = first_live("programme.StrandPage")
    follow_menu(page, "The programme")
    page.wait_for_url("**/programme/")
    page.locator(f"main a[href='{strand.url}']").first.click()

    page.wait_for_url(f"**{strand.url}")
    assert page.locator("h1").inner_text() == strand.title


def test_home_to_a_person(demo_site, page):
    person = first_live("people.PersonPage")
    follow_menu(page, "People")
    page.wait_for_url("**/people/")
    page.locator(f"main a[href='{person.url}']").first.click()

    page.wait_for_url(f"**{person.url}")
    assert person.title in page.locator("h1").inner_text()


def test_home_to_a_publication_through_the_library_and_download_the_report(demo_site, page):
    publication = first_live_report_with_a_download()
    follow_menu(page, "Library")
    page.wait_for_url("**/library/")
    page.locator(f"main a[href='{publication.url}']").first.click()

    page.wait_for_url(f"**{publication.url}")
    assert page.locator("h1").inner_text() == publication.title
    with page.expect_download() as download_info:
        # Chromium opens a PDF inline when the server allows it; Alt+click always saves.
        page.locator("main a[href*='/download/']").first.click(modifiers=["Alt"])
    with open(download_info.value.path(), "rb") as report:
        assert report.read(5) == b"%PDF-"


def test_home_to_a_film_through_the_library(demo_site, page):
    film = first_live("publications.FilmPage")
    follow_menu(page, "Library")
    page.wait_for_url("**/library/")
    page.locator(f"main a[href='{film.url}']").first.click()

    page.wait_for_url(f"**{film.url}")
    assert page.locator("h1").inner_text() == film.title


def test_search_from_the_header_to_a_result(demo_site, page):
    page.goto("/")
    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill("kindness")
    box.press("Enter")

    page.wait_for_url("**/search/?q=kindness*")
    result = page.locator("main a[href^='/']").filter(has_text="kind").first
    title = result.inner_text()
    result.click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, title
