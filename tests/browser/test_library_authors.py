"""The library's author box, as a keyboard user, a screen reader and a reader without
JavaScript meet it: a text box named "Author" whose suggestions are the library's authors."""

import re

from playwright.sync_api import expect

from tests.browser.axe import describe, enable_axe, violations
from tests.browser.keyboard import press_until

AUTHOR = "Jennifer Wallace"


def test_a_keyboard_user_finds_an_author_through_the_suggestions(demo_site, page):
    enable_axe(page)
    page.goto("/library/")
    box = page.get_by_role("combobox", name="Author")
    press_until(page, box)
    # Focus fills the suggestions: the names of the people with work in the library.
    suggestions = page.locator(f"datalist#{box.get_attribute('list')} option")
    expect(suggestions.first).to_be_attached()
    names = suggestions.evaluate_all("options => options.map(option => option.value)")
    assert AUTHOR in names
    page.keyboard.type(AUTHOR)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"author=Jennifer\+Wallace"))

    filters = page.get_by_role("search", name="Filter the library")
    snapshot = filters.aria_snapshot()
    assert f'combobox "Author": {AUTHOR}' in snapshot, snapshot
    cards = page.locator(".library-list .card")
    assert cards.count() >= 1
    for card in cards.all():
        assert AUTHOR in card.inner_text()
    found = violations(page)
    assert not found, describe({"/library/?author=…": found})


def test_an_unknown_name_is_announced_with_the_box(demo_site, page):
    enable_axe(page)
    page.goto("/library/")
    box = page.get_by_role("combobox", name="Author")
    press_until(page, box)
    page.keyboard.type("Nobody At All")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"author=Nobody"))

    box = page.get_by_role("combobox", name="Author")
    # What a screen reader reads out with the box: its name, that it is invalid and why.
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_have_accessible_description(re.compile("No one of that name"))
    found = violations(page)
    assert not found, describe({"/library/?author=Nobody": found})


def test_a_name_typed_in_full_works_without_javascript(demo_site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/library/")
    page.get_by_role("combobox", name="Author").fill(AUTHOR.lower())
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile("author="))
    expect(page.get_by_role("combobox", name="Author")).to_have_value(AUTHOR)
    assert "match these filters" in page.locator(".library-count").inner_text()
