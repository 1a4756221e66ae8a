"""A reader signs up in the footer, confirms from the email and unsubscribes from it: with
JavaScript and without, and axe finds no WCAG 2.2 AA violation at any step."""

import pytest
from django.core import mail

from newsletter.models import Subscriber
from tests.browser.axe import describe, enable_axe, violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.newsletter.conftest import link_in, path_of, run_worker

JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
WIDTHS = pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]], ids=["390", "1280"])


def sign_up_in_the_footer(page, email, *, name="", consent=True):
    footer = page.locator("footer")
    footer.get_by_label("Email address").fill(email)
    if name:
        footer.get_by_label("Your name (optional)").fill(name)
    if consent:
        footer.get_by_label("I agree to receive").check()
    footer.get_by_role("button", name="Sign up").click()


@JAVASCRIPT
def test_sign_up_confirm_and_unsubscribe(demo_site, new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto("/library/")
    sign_up_in_the_footer(page, "reader@example.org", name="Rea Der")
    assert page.locator("h1").inner_text() == "Check your email"

    run_worker()  # what the worker beside the site does
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    page.goto(path_of(link_in(message, "confirm")))
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # opening asks only
    page.get_by_role("button", name="Confirm").click()
    assert page.locator("h1").inner_text() == "Thank you: you are subscribed"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.source_path == "/library/"

    page.goto(path_of(link_in(message, "unsubscribe")))
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED  # opening asks only
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.locator("h1").inner_text() == "You have unsubscribed"
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


@JAVASCRIPT
def test_a_mistake_is_announced_linked_to_its_field_and_keeps_what_was_typed(
    demo_site, new_page, javascript
):
    page = new_page(java_script_enabled=javascript)
    page.goto("/")
    sign_up_in_the_footer(page, "reader@example", name="Rea Der", consent=False)
    summary = page.get_by_role("alert")
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    # The summary has focus, so a screen reader reads it first.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.get_by_label("Email address").input_value() == "reader@example"
    assert page.get_by_label("Your name (optional)").input_value() == "Rea Der"
    summary.get_by_role("link", name="Tick the box").click()
    assert page.url.endswith("#newsletter-consent")
    assert not Subscriber.objects.exists()

    # Put right, the same form signs up.
    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_label("I agree to receive").check()
    page.get_by_role("button", name="Sign up").click()
    assert page.locator("h1").inner_text() == "Check your email"
    assert Subscriber.objects.get().source_path == "/"


@WIDTHS
def test_no_wcag_violation_at_any_step(demo_site, new_page, width):
    page = enable_axe(new_page(width=width))
    found = {}

    def check(label):
        if page_violations := violations(page):
            found[label] = page_violations

    def submit(button):
        # axe must read the page the form led to, not the one being left.
        with page.expect_navigation():
            button.click()

    page.goto("/newsletter/")
    check("the signup page")
    submit(page.locator("main").get_by_role("button", name="Sign up"))
    check("the signup page with every error")
    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_label("I agree to receive").check()
    submit(page.get_by_role("button", name="Sign up"))
    check("check your email")
    run_worker()
    (message,) = mail.outbox
    page.goto(path_of(link_in(message, "confirm")))
    check("the confirm question")
    submit(page.get_by_role("button", name="Confirm"))
    check("the thank-you page")
    page.goto(path_of(link_in(message, "unsubscribe")))
    check("the unsubscribe question")
    submit(page.get_by_role("button", name="Unsubscribe"))
    check("unsubscribed")
    page.goto(path_of(link_in(message, "confirm")))
    check("an expired link")
    page.goto("/newsletter/confirm/nonsense/")
    check("a link that does not work")

    if found:
        pytest.fail(f"axe found WCAG violations at {width} px:\n{describe(found)}", pytrace=False)
