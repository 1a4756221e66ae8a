"""A send to 300 subscribers through a mail server that refuses some, for a while or for
good, and drops the connection once: each confirmed subscriber served exactly once."""

import re

import pytest

from newsletter.models import Campaign, Delivery, Subscriber
from tests.newsletter.campaigns import (
    plain_text,
    received_by,
    send_until_done,
    start_send,
    subscribe,
)
from tests.newsletter.conftest import path_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_send_serves_every_confirmed_subscriber_once(demo, scripted_smtp):
    readers = subscribe(300)
    subscribe(5, prefix="pending", status=Subscriber.Status.PENDING)
    subscribe(5, prefix="left", status=Subscriber.Status.UNSUBSCRIBED)
    gone = [reader.email for reader in readers[:10]]
    later = [reader.email for reader in readers[10:20]]
    never = [reader.email for reader in readers[20:23]]
    for address in gone:
        scripted_smtp.answers[address] = ["550 5.1.1 No such mailbox"]
    for address in later:
        scripted_smtp.answers[address] = ["451 4.2.0 Mailbox busy, try later", "250 OK"]
    for address in never:
        scripted_smtp.answers[address] = ["452 4.2.2 Mailbox full"]
    scripted_smtp.drop_after = 120

    campaign = send_until_done(start_send())

    received = received_by(scripted_smtp)
    served = {reader.email for reader in readers} - set(gone) - set(never)
    assert received == dict.fromkeys(served, 1)
    assert campaign.state == Campaign.State.SENT
    assert campaign.server_pauses == 0  # it paused once, then carried on
    deliveries = campaign.deliveries.all()
    assert deliveries.count() == 300  # the confirmed ones only
    assert deliveries.counts() == {
        "total": 300,
        "sent": 287,
        "sent_after_retry": 11,  # and the one the dropped connection interrupted
        "waiting": 0,
        "retrying": 0,
        "in_doubt": 0,
        "bounced": 10,
        "failed": 3,
        "skipped": 0,
    }
    assert set(
        Subscriber.objects.filter(status=Subscriber.Status.BOUNCED).values_list("email", flat=True)
    ) == set(gone)
    for delivery in deliveries.filter(subscriber__email__in=later):
        assert delivery.attempts == 2
        assert delivery.last_answer == ""
    failed = deliveries.get(subscriber__email=never[0])
    assert failed.state == Delivery.State.FAILED
    assert failed.attempts == 4
    assert failed.last_answer.startswith("452 4.2.2")
    assert deliveries.get(subscriber__email=gone[0]).last_answer.startswith("550 5.1.1")


def test_every_message_unsubscribes_its_own_recipient(demo, scripted_smtp, client):
    subscribe(30)
    send_until_done(start_send())
    assert len(scripted_smtp.received) == 30
    for recipient, message in scripted_smtp.received:
        link = re.search(r"https?://\S+/newsletter/unsubscribe/\S+/", plain_text(message))
        assert client.get(path_of(link.group(0))).status_code == 200
        header = message["List-Unsubscribe"].strip("<>")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        # What a mail client posts for its one-click button (RFC 8058), from its own server.
        response = client.post(
            path_of(header),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        subscriber = Subscriber.objects.get(email=recipient)
        assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert not Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).exists()
