"""The newsletter's background work, run by the database-backed worker (the "email" queue)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from kindness import recurring
from kindness.mail import deliver
from newsletter.emails import confirmation_email
from newsletter.models import Subscriber
from newsletter.sending.answers import SEND_ERRORS, Outcome, classify

logger = logging.getLogger(__name__)


@task(backend="email")
def send_confirmation(subscriber_id, attempt=1):
    """Send a pending subscriber their confirmation link, with the campaigns' rules for the
    mail server's answers (newsletter/sending/answers.py): a permanent refusal of the
    address marks it bounced and is not tried again; a temporary refusal, or a server that
    cannot be reached, is tried again after NEWSLETTER_RETRY_DELAYS[attempt - 1] seconds,
    each failure recorded as a failed task with its error, until the last delay.
    """
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.PENDING
    ).first()
    if subscriber is None:
        return "nothing to send: confirmed, unsubscribed or deleted meanwhile"
    try:
        # At once: this is the worker already, with retries of its own.
        deliver(confirmation_email(subscriber))
    except SEND_ERRORS as error:
        outcome, answer = classify(error)
        if outcome is Outcome.BOUNCED:
            subscriber.bounce()
            logger.warning("Confirmation for subscriber %s bounced: %s", subscriber_id, answer)
            return f"bounced: {answer}"
        if outcome is Outcome.FAILED:
            logger.error("Mail server refused a confirmation for good: %s", answer)
            raise
        delays = settings.NEWSLETTER_RETRY_DELAYS
        if attempt > len(delays):
            logger.error("Gave up sending a confirmation to subscriber %s", subscriber_id)
            raise
        delay = timedelta(seconds=delays[attempt - 1])
        send_confirmation.using(run_after=timezone.now() + delay).enqueue(
            subscriber_id, attempt=attempt + 1
        )
        logger.warning(
            "Mail server refused a confirmation for subscriber %s; retrying in %s",
            subscriber_id,
            delay,
        )
        raise
    return "sent"


@task(backend="email")
def purge_unconfirmed_signups(every_hours=None):
    """Delete stale pending signups; with `every_hours`, run again after that many hours."""
    if every_hours:
        recurring.run_again(
            purge_unconfirmed_signups, timedelta(hours=every_hours), every_hours=every_hours
        )
    call_command("purge_unconfirmed_signups", verbosity=0)


@task(backend="email")
def forget_former_subscribers(every_hours=None):
    """Forget subscribers who left long enough ago; with `every_hours`, run again then."""
    if every_hours:
        recurring.run_again(
            forget_former_subscribers, timedelta(hours=every_hours), every_hours=every_hours
        )
    call_command("forget_former_subscribers", verbosity=0)
