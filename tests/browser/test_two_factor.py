"""A new editor sets up an authenticator app at their first sign-in, then signs in with its
code, in Chromium: the set-up and code pages pass axe and are laid out as Wagtail's own
sign-in page, on a phone and on a desktop.

Screenshots of each go to test-artifacts/two-factor/, to look at.
"""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.axe import describe, enable_axe, violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.two_factor import ENROL, VERIFY, authenticator_code, code_from_key

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "two-factor"
USERNAME, PASSWORD = "new-editor", "a-new-editors-password"


@pytest.fixture
def new_editor(db, django_user_model):
    """A member of Wagtail's Editors group who has never signed in."""
    user = django_user_model.objects.create_user(USERNAME, "ne@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in_with_password(page):
    page.goto("/admin/documents/")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def looks_right(page, name, width):
    """No WCAG violation; nothing wider than the screen; a screenshot to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    if found := violations(page):
        pytest.fail(describe({f"{name} at {width} px": found}), pytrace=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Wagtail's own sign-in layout and stylesheet.
    assert page.locator("body.login main.content-wrapper").is_visible()
    assert page.locator(".login-logo").is_visible()


def test_a_new_editor_sets_up_the_app_and_signs_in_with_its_code(demo_site, new_page, new_editor):
    phone = enable_axe(new_page(**PHONE))
    sign_in_with_password(phone)
    phone.wait_for_url(f"**{ENROL}?next=/admin/documents/")
    looks_right(phone, "set-up", PHONE["width"])

    desktop = enable_axe(new_page(**DESKTOP))
    sign_in_with_password(desktop)
    desktop.wait_for_url(f"**{ENROL}**")
    looks_right(desktop, "set-up", DESKTOP["width"])
    assert desktop.get_by_role("img", name="QR code").is_visible()
    key = desktop.locator("[data-secret]").inner_text()

    desktop.get_by_label("Code from the app").fill(code_from_key(key))
    desktop.get_by_role("button", name="Turn on two-factor sign-in").click()
    desktop.get_by_role("heading", name="Two-factor sign-in is on").wait_for()
    assert desktop.locator("[data-recovery-codes] li").count() == 10
    looks_right(desktop, "recovery-codes", DESKTOP["width"])
    desktop.get_by_role("link", name="I have saved them: continue").click()
    desktop.wait_for_url("**/admin/documents/")
    assert TOTPDevice.objects.get(user=new_editor).confirmed

    # The phone's session had only the password: it is now asked for a code, not to set
    # up a second app.
    phone.reload()
    phone.wait_for_url(f"**{VERIFY}?next=/admin/documents/")
    looks_right(phone, "code", PHONE["width"])

    # Another day (a new session), the editor signs in with the password and the app's code.
    desktop.context.clear_cookies()
    sign_in_with_password(desktop)
    desktop.wait_for_url(f"**{VERIFY}**")
    looks_right(desktop, "code", DESKTOP["width"])
    desktop.get_by_label("Code").fill("000000")
    desktop.get_by_role("button", name="Continue").click()
    expect(desktop.get_by_role("status")).to_contain_text("That code did not work")
    desktop.wait_for_timeout(1100)  # django-otp's wait after a wrong code
    desktop.get_by_label("Code").fill(authenticator_code(TOTPDevice.objects.get(user=new_editor)))
    desktop.get_by_role("button", name="Continue").click()
    desktop.wait_for_url("**/admin/documents/")
    assert desktop.locator("#main h1").first.is_visible()
