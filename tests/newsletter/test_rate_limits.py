"""Rate limits: 429 with a readable page, counted in the cache, per client and per address."""

from django.test import override_settings

from newsletter.models import Subscriber
from tests.newsletter.conftest import queued_confirmations, sign_up


@override_settings(NEWSLETTER_SIGNUPS_PER_CLIENT_PER_HOUR=3)
def test_one_client_may_post_only_so_many_signups(home, client):
    for n in range(3):
        assert sign_up(client, email=f"person{n}@example.org").status_code == 302
    response = sign_up(client, email="one-too-many@example.org")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert b"Too many signups" in response.content
    assert not Subscriber.objects.filter(email="one-too-many@example.org").exists()
    # Another client is not held back.
    other = sign_up(client, email="b@example.org", remote_addr="192.0.2.7")
    assert other.status_code == 302


@override_settings(NEWSLETTER_EMAILS_PER_ADDRESS_PER_DAY=2, NEWSLETTER_RESEND_AFTER_MINUTES=0)
def test_one_address_gets_only_so_many_confirmation_emails(home, client):
    for n in range(2):
        assert sign_up(client, remote_addr=f"192.0.2.{n}").status_code == 302
    # From yet another client, in another letter case: still the same address.
    response = sign_up(client, email="ANN@example.org", remote_addr="192.0.2.99")
    assert response.status_code == 429
    assert queued_confirmations().count() == 2
