"""A moderator (not a superuser) writes a newsletter issue, previews it as the web page and
as the email (HTML and plain text), sends a test to herself, starts the send from the
admin's "Newsletter sends", and the worker delivers it to the subscribers: in Chromium,
through a real local mail server.

Screenshots of the send's page go to /tmp/newsletter-send/, to look at."""

import re
from email.header import decode_header, make_header
from pathlib import Path

from playwright.sync_api import expect

from newsletter.models import Campaign, NewsletterIssuePage
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import first_live
from tests.conftest import APPROVER_PASSWORD, APPROVER_USERNAME
from tests.newsletter.campaigns import subscribe
from tests.servers import run_email_worker
from tests.two_factor import sign_in_in_browser

SCREENSHOTS = Path("/tmp/newsletter-send")
TITLE = "What the kindness festival taught us"
INTRODUCTION = "Three days of stalls, talks and small kindnesses."
PARAGRAPH = "The festival drew a thousand people to the square."


def subject_of(message):
    return str(make_header(decode_header(message["Subject"])))


def preview(page, mode):
    """The editor's preview panel in one of its modes: the frame it shows."""
    page.get_by_label("Preview mode").select_option(label=mode)
    return page.frame_locator("#w-preview-iframe")


def screenshots(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.screenshot(path=SCREENSHOTS / f"{name}-{size['width']}.png", full_page=True)


def test_a_moderator_writes_previews_tests_and_sends_an_issue(
    demo_site, approver_account, page, scripted_smtp
):
    assert not approver_account.is_superuser
    subscribe(3)
    archive = first_live("newsletter.NewsletterIndexPage")
    sign_in_in_browser(
        page, APPROVER_USERNAME, APPROVER_PASSWORD, approver_account.totpdevice_set.get()
    )

    # Write it, and save the draft with the keyboard as soon as the last word is typed.
    page.goto(f"/admin/pages/add/newsletter/newsletterissuepage/{archive.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_introduction").fill(INTRODUCTION)
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name=re.compile("^Paragraph")).first.click()
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.type(PARAGRAPH)
    page.keyboard.press("ControlOrMeta+s")
    page.wait_for_url("**/admin/pages/*/edit/")
    issue = NewsletterIssuePage.objects.get(title=TITLE)
    assert PARAGRAPH in str(issue.get_latest_revision_as_object().body)

    # Preview it: the web page, the email, and the email's plain text.
    page.locator("[data-side-panel-toggle=preview]").click()
    frame = preview(page, "Web page")
    expect(frame.locator("h1")).to_have_text(TITLE)
    expect(frame.locator("main")).to_contain_text(PARAGRAPH)
    frame = preview(page, "Email (HTML)")
    expect(frame.get_by_text(PARAGRAPH)).to_be_visible()
    expect(frame.get_by_role("link", name="Unsubscribe")).to_be_visible()
    frame = preview(page, "Email (plain text)")
    expect(frame.locator("body")).to_contain_text(PARAGRAPH)
    expect(frame.locator("body")).to_contain_text("Unsubscribe")

    # Publish it.
    page.locator("footer button[data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url(f"**/admin/pages/{archive.pk}/")
    issue.refresh_from_db()
    assert issue.live

    # Test it on herself, from the admin's "Newsletter sends".
    page.get_by_role("link", name="Newsletter sends").click()
    expect(page.get_by_role("heading", name="Newsletter sends")).to_be_visible()
    screenshots(page, "sends")
    page.get_by_role("link", name="Add newsletter send").first.click()
    page.get_by_label("Issue").select_option(label=TITLE)
    page.get_by_role("button", name="Create").click()
    page.get_by_role("button", name="Send a test to approver@example.org").click()
    expect(page.get_by_text("and no one else")).to_be_visible()
    run_email_worker()
    ((recipient, test),) = scripted_smtp.received
    assert recipient == "approver@example.org"
    assert subject_of(test) == f"[Test] {TITLE}"
    page.reload()
    expect(page.locator("[data-test-send] [data-test-to]")).to_have_text("approver@example.org")
    expect(page.locator("[data-test-send] [data-test-state]")).to_have_text("Sent")
    screenshots(page, "tested")

    # Send it, having been told to how many.
    page.get_by_role("link", name="Send to subscribers…").click()
    expect(page.get_by_text("will be sent to 3 confirmed subscribers")).to_be_visible()
    page.get_by_role("button", name="Send to 3 subscribers").click()
    expect(page.get_by_text("Sending “")).to_be_visible()
    run_email_worker()
    sent = scripted_smtp.received[1:]
    assert sorted(recipient for recipient, _ in sent) == [
        f"reader{n}@example.org" for n in range(3)
    ]
    assert {subject_of(message) for _, message in sent} == {TITLE}
    assert Campaign.objects.get(issue=issue).state == Campaign.State.SENT

    # Watch the counts.
    page.reload()
    expect(page.locator("[data-count=sent]")).to_have_text("3")
    screenshots(page, "sent")

    # Read it in the archive.
    page.goto(archive.url)
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**{issue.url}")
    expect(page.locator("h1")).to_have_text(TITLE)
