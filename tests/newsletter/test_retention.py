"""Subscribers who left are kept for NEWSLETTER_FORGET_AFTER_DAYS, then forgotten but for
keyed hashes: enough to honour the unsubscribe, nothing to read the address back from."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from kindness import recurring
from newsletter.emails import unsubscribe_url
from newsletter.models import FormerSubscriber, Subscriber
from newsletter.tasks import forget_former_subscribers, send_confirmation
from tests.html import soup, visible_text
from tests.newsletter.conftest import link_in, path_of, queued_confirmations, sign_up

ADDRESS = "Ann.Left@Example.org"


def subscriber(email, status, *, left_days_ago=None):
    now = timezone.now()
    return Subscriber.objects.create(
        email=email,
        name="Ann Left",
        status=status,
        consent_text="I agree.",
        consented_at=now - timedelta(days=400),
        source_path="/",
        unsubscribed_at=now - timedelta(days=left_days_ago) if left_days_ago is not None else None,
    )


@pytest.fixture
def long_gone(home, settings):
    return subscriber(
        ADDRESS,
        Subscriber.Status.UNSUBSCRIBED,
        left_days_ago=settings.NEWSLETTER_FORGET_AFTER_DAYS + 1,
    )


def forget():
    call_command("forget_former_subscribers", verbosity=0)


def test_a_subscriber_who_left_long_ago_is_replaced_by_hashes(long_gone, settings):
    recent = subscriber(
        "bob@example.org",
        Subscriber.Status.UNSUBSCRIBED,
        left_days_ago=settings.NEWSLETTER_FORGET_AFTER_DAYS - 1,
    )
    confirmed = subscriber("cat@example.org", Subscriber.Status.CONFIRMED)
    pending = subscriber("dan@example.org", Subscriber.Status.PENDING)
    forget()
    assert not Subscriber.objects.filter(pk=long_gone.pk).exists()
    assert set(Subscriber.objects.values_list("pk", flat=True)) >= {
        recent.pk,
        confirmed.pk,
        pending.pk,
    }
    (former,) = FormerSubscriber.objects.all()
    assert former.reason == "unsubscribed"
    # Nothing of the address is left in the row, in any letter case.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {FormerSubscriber._meta.db_table}")
        row = " ".join(str(value) for value in cursor.fetchone()).casefold()
    assert "ann" not in row
    assert "example" not in row
    assert "@" not in row


def test_a_bounced_address_is_forgotten_after_the_same_period(home, settings):
    now = timezone.now()
    days = settings.NEWSLETTER_FORGET_AFTER_DAYS
    old = subscriber("old.bounce@example.org", Subscriber.Status.BOUNCED)
    new = subscriber("new.bounce@example.org", Subscriber.Status.BOUNCED)
    Subscriber.objects.filter(pk=old.pk).update(bounced_at=now - timedelta(days=days + 1))
    Subscriber.objects.filter(pk=new.pk).update(bounced_at=now - timedelta(days=days - 1))
    forget()
    assert not Subscriber.objects.filter(pk=old.pk).exists()
    assert Subscriber.objects.filter(pk=new.pk).exists()
    assert FormerSubscriber.objects.get().reason == "bounced"


def test_the_hash_is_keyed_with_the_secret_key(long_gone, settings):
    forget()
    digest = FormerSubscriber.objects.get().address_digest
    Subscriber.objects.create(
        email=ADDRESS,
        status=Subscriber.Status.UNSUBSCRIBED,
        consent_text="I agree.",
        consented_at=timezone.now(),
        unsubscribed_at=timezone.now() - timedelta(days=settings.NEWSLETTER_FORGET_AFTER_DAYS + 1),
    )
    settings.SECRET_KEY = "another key altogether, as long as the first one was"
    forget()
    assert set(FormerSubscriber.objects.values_list("address_digest", flat=True)) - {digest}


def test_an_old_unsubscribe_link_still_says_unsubscribed(long_gone, client):
    link = path_of(unsubscribe_url(long_gone))
    forget()
    page = soup(client.get(link))
    assert visible_text(page.h1) == "You have unsubscribed"
    # A mail client's one-click unsubscribe gets its 200 too.
    assert client.post(link, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscriber.objects.for_email(ADDRESS).exists()
    # A link that was never ours is still a link problem.
    tampered = client.get(link[:-3] + "xx/")
    assert b"You have unsubscribed" not in tampered.content


def test_the_address_signs_up_again_as_anyone_would(long_gone, client):
    forget()
    sign_up(client, email=ADDRESS)
    again = Subscriber.objects.for_email(ADDRESS).get()
    assert again.status == Subscriber.Status.PENDING
    assert again.consent_text
    assert queued_confirmations().count() == 1
    # Until it is confirmed the hash stays: someone else may have typed the address.
    assert FormerSubscriber.objects.count() == 1
    send_confirmation.call(again.pk)
    response = client.post(path_of(link_in(mail.outbox[-1], "confirm")))
    assert response.status_code == 200
    again.refresh_from_db()
    assert again.status == Subscriber.Status.CONFIRMED
    assert not FormerSubscriber.objects.exists()


def test_the_forgetting_is_queued_daily_once(home):
    call_command("forget_former_subscribers", "--schedule", verbosity=0)
    call_command("forget_former_subscribers", "--schedule", verbosity=0)
    (waiting,) = recurring.waiting(forget_former_subscribers)
    assert waiting.args_kwargs["kwargs"] == {"every_hours": 24}
