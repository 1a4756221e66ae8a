"""With JavaScript off, every page reads, the menu opens, links lead on and downloads work."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import first_live_report_with_a_download, quality_pages

# A button that is not part of a form does nothing without JavaScript; a page should not
# show one then.
DEAD_BUTTONS = """() => [...document.querySelectorAll("button, [role=button]")]
    .filter(button => button.checkVisibility() && !(button.form && button.type === "submit"))
    .map(button => button.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]], ids=["390", "1280"])
def test_every_page_reads_and_navigates_without_javascript(demo_site, new_page, width):
    page = new_page(width=width, java_script_enabled=False)
    for site_page in quality_pages():
        response = page.goto(site_page.path)
        assert response.status == site_page.status, site_page
        heading = page.locator("h1")
        assert heading.count() == 1, site_page
        assert heading.is_visible(), site_page
        assert not page.evaluate(DEAD_BUTTONS), site_page

        menu = page.get_by_role("navigation", name="Main")
        if not menu.count():
            continue
        if not menu.is_visible():
            page.locator(".site-nav__toggle").click()
        assert menu.is_visible(), f"The main menu cannot be opened on {site_page}"
        assert menu.get_by_role("link").count() >= 2, site_page


def test_the_menu_leads_to_each_section_without_javascript(demo_site, new_page):
    page = new_page(**PHONE, java_script_enabled=False)
    page.goto("/")
    menu = page.get_by_role("navigation", name="Main")
    page.locator(".site-nav__toggle").click()
    sections = [
        (link.inner_text(), link.get_attribute("href"))
        for link in menu.get_by_role("link").all()
        if link.get_attribute("href") != "/"
    ]
    assert sections

    for name, href in sections:
        page.goto("/")
        page.locator(".site-nav__toggle").click()
        menu.get_by_role("link", name=name, exact=True).click()
        page.wait_for_url(f"**{href}")
        assert page.locator("main h1").is_visible(), name


def test_a_report_downloads_without_javascript(demo_site, new_page):
    publication = first_live_report_with_a_download()
    page = new_page(java_script_enabled=False, accept_downloads=True)
    page.goto(publication.url)
    link = page.locator(".downloads a").first
    assert link.count(), f"{publication.url} offers no download"

    with page.expect_download() as download_info:
        # Chromium opens a PDF inline when the server allows it; Alt+click always saves.
        link.click(modifiers=["Alt"])
    download = download_info.value
    assert download.failure() is None
    with open(download.path(), "rb") as saved:
        assert saved.read(5) == b"%PDF-"


def test_every_form_submits_without_javascript(demo_site, new_page):
    page = new_page(java_script_enabled=False)
    forms = {}
    for site_page in quality_pages():
        page.goto(site_page.path)
        for index, form in enumerate(page.locator("form").all()):
            key = (form.get_attribute("action") or site_page.path, form.get_attribute("method"))
            forms.setdefault(key, (site_page, index))
    assert forms, "No page has a form: the library's filters at least should be found."

    for key, (site_page, index) in forms.items():
        page.goto(site_page.path)
        form = page.locator("form").nth(index)
        submit = form.locator("button:not([type=button]), input[type=submit]").first
        assert submit.count(), f"The form {key} on {site_page} has no submit button"
        with page.expect_navigation() as navigation:
            submit.click()
        assert navigation.value.status < 500, f"The form {key} on {site_page}"
        assert page.locator("h1").count() == 1, f"The form {key} on {site_page}"
