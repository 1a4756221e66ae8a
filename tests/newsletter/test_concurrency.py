"""Fifty people (or one impatient bot) signing up the same address at the same moment."""

import threading

import pytest
from django.db import connections
from django.test import Client, override_settings

from newsletter.models import Subscriber
from tests.newsletter.conftest import VALID, queued_confirmations

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres(reason="where requests truly run at once"),
]
SIGNUPS = 50


@override_settings(NEWSLETTER_SIGNUPS_PER_CLIENT_PER_HOUR=SIGNUPS * 2)
def test_concurrent_signups_of_one_address_leave_one_subscriber_and_one_email(demo):
    start = threading.Barrier(SIGNUPS)
    statuses = []

    def sign_up(n):
        try:
            client = Client()
            email = "Ann@Example.org" if n % 2 else "ann@example.org"
            start.wait()
            statuses.append(client.post("/newsletter/", {**VALID, "email": email}).status_code)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(SIGNUPS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * SIGNUPS
    assert Subscriber.objects.count() == 1
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert queued_confirmations().count() == 1
