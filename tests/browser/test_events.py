"""A reader finds an event and adds it to their calendar, with the keyboard alone and with
JavaScript off, at a phone's width and a desktop's; and the events index with nothing
coming up (the demo's) has no WCAG violation either. The other checks visit the example
events every check builds (tests/browser/pages.py)."""

from pathlib import Path

import pytest

from tests.browser.axe import describe, enable_axe, violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.keyboard import press_until
from tests.events.examples import UPCOMING_SLUG, add_example_events

WIDTHS = pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]], ids=["390", "1280"])


@WIDTHS
def test_the_empty_events_index_has_no_wcag_violation(demo_site, new_page, width):
    page = enable_axe(new_page(width=width))
    for path in ("/events/", "/events/past/"):
        assert page.goto(path).status == 200
        if found := violations(page):
            pytest.fail(describe({path: found}), pytrace=False)
    page.goto("/events/")
    signup = page.get_by_role("link", name="Sign up to the newsletter to hear about events")
    assert signup.is_visible()


@WIDTHS
def test_a_reader_adds_an_event_to_their_calendar_with_the_keyboard(demo_site, new_page, width):
    add_example_events()
    page = new_page(width=width, accept_downloads=True)
    page.goto("/events/")
    event = page.get_by_role("link", name="Kindness Leadership Network: spring meeting")
    press_until(page, event)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/events/{UPCOMING_SLUG}/")
    add = page.get_by_role("link", name="Add to calendar")
    press_until(page, add)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"{UPCOMING_SLUG}.ics"
    assert b"BEGIN:VEVENT" in Path(download.value.path()).read_bytes()


@WIDTHS
def test_a_reader_finds_past_events_and_registers_without_javascript(demo_site, new_page, width):
    add_example_events()
    page = new_page(width=width, java_script_enabled=False, accept_downloads=True)
    page.goto("/events/")
    page.get_by_role("link", name="Past events").click()
    assert page.locator("h1").inner_text() == "Past events"
    page.get_by_role("link", name="Webinar: kindness in public policy").click()
    assert page.get_by_text("This event has ended.").is_visible()
    assert page.locator(".event-afterwards a").count() == 2
    page.go_back()
    page.get_by_role("link", name="Upcoming events").click()
    page.get_by_role("link", name="Kindness Leadership Network: spring meeting").click()
    register = page.get_by_role("link", name="Register")
    assert register.get_attribute("href") == "https://forms.example.org/network-spring-meeting"
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar").click()
    assert download.value.suggested_filename == f"{UPCOMING_SLUG}.ics"
