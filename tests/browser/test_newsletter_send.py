"""An approver writes a newsletter issue, previews it as an email, sends a test to herself,
sends it to the subscribers, watches the send's counts, and reads it in the archive."""

import re

from django.core import mail

from newsletter.models import Campaign, NewsletterIssuePage
from tests.browser.pages import first_live
from tests.conftest import APPROVER_PASSWORD, APPROVER_USERNAME
from tests.newsletter.campaigns import subscribe
from tests.servers import run_email_worker
from tests.two_factor import sign_in_in_browser

TITLE = "What the kindness festival taught us"


def test_an_approver_writes_tests_sends_and_reads_an_issue(demo_site, approver_account, page):
    subscribe(3)
    archive = first_live("newsletter.NewsletterIndexPage")
    sign_in_in_browser(
        page, APPROVER_USERNAME, APPROVER_PASSWORD, approver_account.totpdevice_set.get()
    )

    # Write it.
    page.goto(f"/admin/pages/add/newsletter/newsletterissuepage/{archive.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_introduction").fill("Three days of stalls, talks and small kindnesses.")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name=re.compile("^Paragraph")).first.click()
    page.locator("[contenteditable=true]").first.fill("The festival drew a thousand people.")
    page.locator("footer button[data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url(f"**/admin/pages/{archive.pk}/")
    issue = NewsletterIssuePage.objects.get(title=TITLE)
    assert issue.live

    # Preview it as the email subscribers will get (the preview mode of its revision).
    page.goto(f"/admin/pages/{issue.pk}/revisions/{issue.live_revision_id}/view/?mode=email")
    page.get_by_text("The festival drew a thousand people.").first.wait_for()
    assert page.get_by_role("link", name=re.compile("[Uu]nsubscribe")).count() >= 1

    # Test it on herself.
    page.goto("/admin/newsletter_campaigns/new/")
    page.get_by_label("Issue").select_option(str(issue.pk))
    page.get_by_role("button", name="Create").click()
    page.get_by_role("button", name="Send a test to approver@example.org").click()
    page.get_by_text("and no one else").wait_for()
    run_email_worker()
    (test,) = mail.outbox
    assert test.to == ["approver@example.org"]
    assert test.subject == f"[Test] {TITLE}"

    # Send it, having been told to how many.
    page.get_by_role("link", name="Send to subscribers…").click()
    page.get_by_text("will be sent to 3 confirmed subscribers").wait_for()
    page.get_by_role("button", name="Send to 3 subscribers").click()
    page.get_by_text("Sending “").wait_for()
    run_email_worker()
    assert sorted(message.to[0] for message in mail.outbox[1:]) == [
        f"reader{n}@example.org" for n in range(3)
    ]
    assert Campaign.objects.get(issue=issue).state == Campaign.State.SENT

    # Watch the counts.
    page.reload()
    assert page.locator("[data-count=sent]").inner_text() == "3"
    assert page.get_by_text("Sent", exact=True).count() >= 1

    # Read it in the archive.
    page.goto(archive.url)
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**{issue.url}")
    assert page.locator("h1").inner_text() == TITLE
