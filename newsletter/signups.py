"""Recording a signup and queueing its confirmation email, as one transaction."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsletter.models import Subscriber
from newsletter.tasks import send_confirmation


def sign_up(*, email, name, consent_text, source_path):
    """Record a signup and queue its confirmation email, in one transaction.

    One row per address whatever its letter case, even under concurrent requests (a
    unique index on the lower-cased address). A pending or unsubscribed address is asked
    to confirm afresh; a confirmed one is left as it is. Returns the subscriber and
    whether a confirmation email was queued: at most one per address every
    NEWSLETTER_RESEND_AFTER_MINUTES, so a double click sends one email, not two.
    """
    now = timezone.now()
    consent = {"consent_text": consent_text, "consented_at": now, "source_path": source_path}
    with transaction.atomic():
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(
                    email=email, name=name, confirmation_sent_at=now, **consent
                )
            queue_email = True
        except IntegrityError:
            subscriber = Subscriber.objects.select_for_update().for_email(email).get()
            if subscriber.status == Subscriber.Status.CONFIRMED:
                return subscriber, False
            resend_after = timedelta(minutes=settings.NEWSLETTER_RESEND_AFTER_MINUTES)
            sent = subscriber.confirmation_sent_at
            queue_email = sent is None or now - sent >= resend_after
            if queue_email:
                subscriber.confirmation_sent_at = now
            for field, value in consent.items():
                setattr(subscriber, field, value)
            if name:
                subscriber.name = name
            subscriber.status = Subscriber.Status.PENDING
            subscriber.save()
        if queue_email:
            # Enqueued in this transaction: the task row exists if and only if the
            # subscriber row does.
            send_confirmation.enqueue(subscriber.pk)
    return subscriber, queue_email
