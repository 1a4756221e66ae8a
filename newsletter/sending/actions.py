"""What the admin's buttons and `manage.py send_newsletter` do to a send: the same
functions for both, so the command starts exactly what the button starts."""

from django.db import transaction
from django.utils import timezone

from newsletter.sending import engine, tasks
from newsletter.sending.models import Campaign


def send_test(page, address):
    """Queue a test send of the issue's newest revision to `address` alone."""
    tasks.send_test.enqueue(page.pk, address)


def start(campaign):
    """Begin sending now (newsletter.sending.tasks.start); how many it goes to."""
    return tasks.start(campaign)


def schedule(campaign, moment):
    """Start a draft campaign at `moment` (the worker starts it then)."""
    with transaction.atomic():
        updated = Campaign.objects.filter(
            pk=campaign.pk, state__in=[Campaign.State.DRAFT, Campaign.State.SCHEDULED]
        ).update(state=Campaign.State.SCHEDULED, scheduled_for=moment)
        if not updated:
            raise engine.CannotSend("Only a send that has not started can be scheduled.")
        tasks.start_campaign.using(run_after=moment).enqueue(campaign.pk)


def pause(campaign):
    """Staff pause a send: the batch on the wire stops within NEWSLETTER_RECHECK_SECONDS."""
    return bool(
        Campaign.objects.filter(
            pk=campaign.pk, state__in=[Campaign.State.SENDING, Campaign.State.PAUSED]
        ).update(state=Campaign.State.PAUSED, paused_by=Campaign.PausedBy.STAFF, resume_at=None)
    )


def resume(campaign):
    with transaction.atomic():
        resumed = Campaign.objects.filter(pk=campaign.pk, state=Campaign.State.PAUSED).update(
            state=Campaign.State.SENDING, paused_by="", resume_at=None, server_pauses=0
        )
        if resumed:
            tasks.start_lanes(campaign.pk)
    return bool(resumed)


def cancel(campaign):
    """Nothing more is sent; what was sent stays recorded."""
    return bool(
        Campaign.objects.exclude(state__in=[Campaign.State.SENT, Campaign.State.CANCELLED])
        .filter(pk=campaign.pk)
        .update(state=Campaign.State.CANCELLED, finished_at=timezone.now(), resume_at=None)
    )
