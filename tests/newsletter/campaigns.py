"""What the campaign tests share: subscribers in bulk, a scripted mail server, a send
started as the admin starts it, and the worker run until the send is over."""

import time
from collections import Counter

import pytest
from django.test import override_settings
from django.utils import timezone

from newsletter.models import Campaign, NewsletterIssuePage, Subscriber
from newsletter.sending import actions
from tests.servers import ScriptedSMTPServer, run_email_worker

# Short waits, so that a retry or a pause is over in a moment.
FAST = {
    "NEWSLETTER_RETRY_DELAYS": [0.2, 0.2, 0.2],
    "NEWSLETTER_PAUSE_DELAYS": [0.3],
    "NEWSLETTER_RATE_PER_SECOND": 100_000,
    "NEWSLETTER_RATE_PER_HOUR": 100_000,
    "NEWSLETTER_BATCH_SIZE": 50,
    "NEWSLETTER_RECHECK_SECONDS": 0.05,
}


def subscribe(count, *, prefix="reader", status=Subscriber.Status.CONFIRMED):
    """`count` subscribers, reader0@example.org onwards, in one statement."""
    now = timezone.now()
    return Subscriber.objects.bulk_create(
        Subscriber(
            email=f"{prefix}{n}@example.org",
            status=status,
            consent_text="I agree.",
            consented_at=now,
            confirmed_at=now if status == Subscriber.Status.CONFIRMED else None,
        )
        for n in range(count)
    )


@pytest.fixture
def scripted_smtp():
    """A scripted mail server (tests/servers.py) that the worker sends the newsletter to."""
    server = ScriptedSMTPServer()
    server.controller.start()
    with override_settings(
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=server.port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=2,
        **FAST,
    ):
        yield server
    server.controller.stop()


def an_issue():
    """The demo's published newsletter issue."""
    return NewsletterIssuePage.objects.live().first()


def start_send(issue=None):
    campaign = Campaign.objects.create(issue=issue or an_issue())
    actions.start(campaign)
    return campaign


def send_until_done(campaign, timeout=60):
    """Run the email worker, as `make run` does, until the campaign is sent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run_email_worker()
        campaign.refresh_from_db()
        if campaign.state in {Campaign.State.SENT, Campaign.State.CANCELLED}:
            return campaign
        time.sleep(0.05)
    pytest.fail(f"the send did not finish within {timeout} s: {campaign.state}")


def received_by(server):
    return Counter(recipient for recipient, _message in server.received)


def plain_text(message):
    """The text of an email's plain-text part."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no plain-text part")
