"""Deleting a subscriber (erasure) leaves no address in the task rows or the log."""

import io
import logging
import smtplib

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kindness.mail import send_email
from newsletter.models import Campaign, Delivery, Subscriber
from newsletter.tasks import purge_unconfirmed_signups

ADDRESS = "erase.me@example.org"


@pytest.fixture
def subscriber(home):
    return Subscriber.objects.create(
        email=ADDRESS,
        status=Subscriber.Status.CONFIRMED,
        consent_text="I agree.",
        consented_at=timezone.now(),
    )


def rows_naming(address):
    return [
        row
        for row in DBTaskResult.objects.all()
        if address in f"{row.args_kwargs} {row.return_value} {row.traceback}"
    ]


def test_deleting_a_subscriber_deletes_the_task_rows_that_name_them(subscriber):
    # An email queued to them, and a failed send whose error quoted their address.
    send_email.enqueue(raw="", sender="site@example.org", recipients=[ADDRESS])
    failed = purge_unconfirmed_signups.enqueue()
    DBTaskResult.objects.filter(pk=failed.id).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        traceback=f"SMTPRecipientsRefused: {{'{ADDRESS}': (550, b'No such user')}}",
    )
    unrelated = send_email.enqueue(raw="", sender="site@example.org", recipients=["x@example.org"])
    assert len(rows_naming(ADDRESS)) == 2
    subscriber.delete()
    assert rows_naming(ADDRESS) == []
    assert DBTaskResult.objects.filter(pk=unrelated.id).exists()


def test_deleting_a_subscriber_deletes_their_deliveries(subscriber):
    campaign = Campaign.objects.create(subject="An issue", state=Campaign.State.SENT)
    Delivery.objects.create(
        campaign=campaign,
        subscriber=subscriber,
        state=Delivery.State.BOUNCED,
        last_answer=f"550 5.1.1 <{ADDRESS}>: no such user",
        next_attempt_at=timezone.now(),
    )
    subscriber.delete()
    assert not Delivery.objects.filter(campaign=campaign).exists()
    assert not Delivery.objects.filter(last_answer__icontains=ADDRESS).exists()
    assert Campaign.objects.filter(pk=campaign.pk).exists()


def test_the_admins_bulk_delete_scrubs_too(subscriber):
    send_email.enqueue(raw="", sender="site@example.org", recipients=[ADDRESS.upper()])
    Subscriber.objects.filter(pk=subscriber.pk).delete()
    assert rows_naming(ADDRESS.upper()) == []


@pytest.fixture
def site_log():
    """What the site's own log handler (settings.LOGGING's, on the root logger) writes."""
    (handler,) = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    written = io.StringIO()
    stream = handler.setStream(written)
    yield written
    handler.setStream(stream)


def test_a_logged_traceback_names_no_address(site_log):
    logger = logging.getLogger("newsletter.tasks")
    try:
        raise smtplib.SMTPRecipientsRefused({ADDRESS: (550, b"5.1.1 No such user")})
    except smtplib.SMTPRecipientsRefused:
        logger.exception("Task newsletter.tasks.send failed for %s", ADDRESS)
    logged = site_log.getvalue()
    assert "Traceback" in logged
    assert "SMTPRecipientsRefused" in logged
    assert "No such user" in logged
    assert "{'[email address]': (550" in logged
    assert ADDRESS not in logged
    assert "example.org" not in logged
