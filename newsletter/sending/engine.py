"""Sending a campaign: none lost, none twice.

Starting a campaign fixes what is sent and to whom: the issue's published revision, and a
delivery row for every subscriber confirmed at that moment. From then on the email worker
sends it batch by batch, one task run per batch (`tasks.send_campaign`), so confirmations
and password resets still get their turn:

1. A run claims a batch: the due rows, locked with `SELECT ... FOR UPDATE SKIP LOCKED`, are
   marked "sending" (in doubt) and committed before any of them is sent. Another worker
   skips them, so two workers never send one message.
2. It sends them over one SMTP connection, at the configured rate, looking again every
   NEWSLETTER_RECHECK_SECONDS for subscribers who unsubscribed and for a pause or cancel.
3. It records every answer in one statement: sent; a temporary refusal to try again after
   NEWSLETTER_RETRY_DELAYS; a permanent one, which marks the address bounced; or, when the
   server cannot be reached, the campaign pauses and resumes by itself later.

A worker killed in the middle leaves its batch "sending": those rows are claimed again once
NEWSLETTER_CLAIM_TIMEOUT has passed (a batch stops taking new messages long before), so at
most one batch per killed worker is sent twice, each copy with the same Message-ID, derived
from the campaign and the subscriber. Queries per batch are a constant few, whatever its size.

Each lane keeps two runs queued while it sends, so a worker killed just after taking one,
before it could do anything, leaves the other, due after the claim timeout; a run that gets
going puts a new spare beside it and at the end brings one forward to when there is work
again. So a killed worker's lane carries on once a worker is back.
"""

import contextlib
import logging
import time
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_tasks_db.utils import exclusive_transaction
from wagtail.models import Revision

from newsletter.issues import issue_email
from newsletter.models import NewsletterIssuePage, Subscriber
from newsletter.sending.answers import SEND_ERRORS, Outcome, classify
from newsletter.sending.models import Campaign, Delivery

logger = logging.getLogger(__name__)

State = Delivery.State
# Below the email queue's other work: a confirmation or a password reset goes first.
PRIORITY = -10
HOUR = timedelta(hours=1)
# A claimed delivery whose subscriber left before their message went.
NOT_SUBSCRIBED = "not subscribed"


class CannotSend(Exception):
    """Why a campaign cannot start, in words for staff."""


def message_id(campaign_id, subscriber_id):
    """The same Message-ID however often one campaign's message to one subscriber is sent,
    so a copy sent twice after a crash is recognisably the same message."""
    digest = salted_hmac("newsletter.message-id", f"{campaign_id}:{subscriber_id}").hexdigest()
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<newsletter.{campaign_id}.{digest[:24]}@{domain}>"


def test_message_id(page_id):
    from email.utils import make_msgid

    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return make_msgid(f"newsletter-test.{page_id}", domain=domain)


def compose(issue, subscriber, *, message_id, test=False):
    return issue_email(issue, subscriber, message_id=message_id, test=test)


def issues():
    """The published newsletter issues, newest first."""
    return NewsletterIssuePage.objects.live().order_by("-first_published_at", "-pk")


def audience():
    """Who a send starting now goes to: every confirmed subscriber."""
    return Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)


def run(campaign_id):
    """Send one batch of a campaign. Returns (what happened, when the next batch is due or
    None when this lane has nothing more to do)."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return "no such campaign", None
    now = timezone.now()
    if campaign.state == Campaign.State.PAUSED and campaign.paused_by == Campaign.PausedBy.SERVER:
        if campaign.resume_at and campaign.resume_at > now:
            return "paused until the mail server answers", campaign.resume_at
        Campaign.objects.filter(
            pk=campaign.pk, state=Campaign.State.PAUSED, paused_by=Campaign.PausedBy.SERVER
        ).update(state=Campaign.State.SENDING, paused_by="", resume_at=None)
        campaign.state = Campaign.State.SENDING
    if campaign.state != Campaign.State.SENDING:
        return f"not sending: {campaign.state}", None
    if campaign.revision_id is None:
        Campaign.objects.filter(pk=campaign.pk).update(
            state=Campaign.State.CANCELLED,
            finished_at=now,
            last_error="The issue was deleted while it was being sent.",
        )
        return "the issue was deleted", None

    sent_last_hour = Delivery.objects.filter(sent_at__gt=now - HOUR).count()
    budget = settings.NEWSLETTER_RATE_PER_HOUR - sent_last_hour
    if budget <= 0:
        oldest = Delivery.objects.filter(sent_at__gt=now - HOUR).aggregate(Min("sent_at"))
        return "hourly limit reached", (oldest["sent_at__min"] or now) + HOUR
    batch = claim(campaign, min(settings.NEWSLETTER_BATCH_SIZE, budget), now)
    if not batch:
        due = next_due(campaign, now)
        return ("finished" if due is None else "nothing due yet"), due
    results, released, unreachable, broken = transmit(campaign, batch)
    return record(campaign, results, released, unreachable, broken)


def claimable(now):
    stale = now - timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
    return Q(state=State.WAITING, next_attempt_at__lte=now) | Q(
        state=State.SENDING, claimed_at__lt=stale
    )


def claim(campaign, size, now):
    """Mark up to `size` due deliveries as being sent by this worker, and commit that
    before sending any: the rows no other worker takes."""
    with exclusive_transaction():
        batch = list(
            Delivery.objects.filter(campaign=campaign)
            .filter(claimable(now))
            .select_related("subscriber")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")[:size]
        )
        if batch:
            Delivery.objects.filter(pk__in=[delivery.pk for delivery in batch]).update(
                state=State.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
    for delivery in batch:
        delivery.state, delivery.claimed_at = State.SENDING, now
        delivery.attempts += 1
    return batch


def transmit(campaign, batch):
    """Send a claimed batch over one connection. Returns ({delivery: (outcome, answer)},
    the deliveries not tried, and the answer that showed the server unreachable, if any)."""
    results, unreachable, broken = {}, None, None
    to_send = []
    for delivery in batch:
        if delivery.subscriber.status == Subscriber.Status.CONFIRMED:
            to_send.append(delivery)
        else:
            results[delivery] = (NOT_SUBSCRIBED, "")
    issue = issue_of(campaign)
    interval = settings.NEWSLETTER_PARALLEL_SENDS / settings.NEWSLETTER_RATE_PER_SECOND
    # A batch takes no new message after this, so no live claim is ever taken as stale.
    deadline = time.monotonic() + settings.NEWSLETTER_CLAIM_TIMEOUT / 4
    last_check = next_slot = time.monotonic()
    backend = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    position = 0
    try:
        backend.open()
        while position < len(to_send):
            delivery = to_send[position]
            moment = time.monotonic()
            if moment > deadline:
                break
            if moment - last_check >= settings.NEWSLETTER_RECHECK_SECONDS:
                last_check = moment
                if not still_sending(campaign):
                    break
                gone = gone_since(to_send[position:])
                if delivery.subscriber_id in gone:
                    results[delivery] = (NOT_SUBSCRIBED, "")
                    position += 1
                    continue
                for later in to_send[position + 1 :]:
                    if later.subscriber_id in gone:
                        later.subscriber.status = Subscriber.Status.UNSUBSCRIBED
            if delivery.subscriber.status != Subscriber.Status.CONFIRMED:
                results[delivery] = (NOT_SUBSCRIBED, "")
                position += 1
                continue
            if next_slot > moment:
                time.sleep(next_slot - moment)
            next_slot = max(next_slot, moment) + interval
            try:
                message = compose(
                    issue,
                    delivery.subscriber,
                    message_id=message_id(campaign.pk, delivery.subscriber_id),
                )
            except Exception as error:  # whatever it is, staff must see it
                broken = f"{type(error).__name__}: {error}"
                logger.exception("Newsletter send %s: the issue cannot be made", campaign.pk)
                break
            try:
                backend.send_messages([message])
                error = None
            except SEND_ERRORS as raised:
                error = raised
            outcome, answer = classify(error)
            results[delivery] = (outcome, answer)
            position += 1
            if outcome is Outcome.UNREACHABLE:
                unreachable = answer
                break
    except SEND_ERRORS as error:  # the connection could not be opened
        unreachable = classify(error)[1]
    finally:
        with contextlib.suppress(SEND_ERRORS):
            backend.close()
    released = [delivery for delivery in to_send if delivery not in results]
    return results, released, unreachable, broken


_issues = {}


def issue_of(campaign):
    """The content the campaign sends, made once per worker process (a revision never
    changes), so its email is rendered once, not once a batch."""
    issue = _issues.get(campaign.revision_id)
    if issue is None:
        _issues.clear()
        revision = Revision.objects.get(pk=campaign.revision_id)
        issue = _issues[campaign.revision_id] = revision.as_object()
    return issue


def still_sending(campaign):
    state = Campaign.objects.filter(pk=campaign.pk).values_list("state", flat=True).first()
    return state == Campaign.State.SENDING


def gone_since(deliveries):
    """Which of these deliveries' subscribers are no longer subscribed."""
    return set(
        Subscriber.objects.filter(pk__in=[delivery.subscriber_id for delivery in deliveries])
        .exclude(status=Subscriber.Status.CONFIRMED)
        .values_list("pk", flat=True)
    )


def record(campaign, results, released, unreachable, broken=None):
    """Write a batch's answers in one statement (and mark bounced addresses in another)."""
    now = timezone.now()
    delays = settings.NEWSLETTER_RETRY_DELAYS
    bounced = []
    for delivery, (outcome, answer) in results.items():
        delivery.last_answer = answer
        if outcome is Outcome.SENT:
            delivery.state, delivery.sent_at = State.SENT, now
        elif outcome is Outcome.TEMPORARY:
            if delivery.attempts > len(delays):
                delivery.state = State.FAILED
            else:
                delivery.state = State.WAITING
                delivery.next_attempt_at = now + timedelta(seconds=delays[delivery.attempts - 1])
        elif outcome is Outcome.BOUNCED:
            delivery.state = State.BOUNCED
            bounced.append(delivery.subscriber_id)
        elif outcome is Outcome.FAILED:
            delivery.state = State.FAILED
        elif outcome is NOT_SUBSCRIBED:
            delivery.state = State.SKIPPED
        else:  # unreachable: back in the queue, for when the campaign resumes
            delivery.state, delivery.next_attempt_at = State.WAITING, now
    for delivery in released:
        delivery.state, delivery.next_attempt_at = State.WAITING, now
        delivery.attempts -= 1
    Delivery.objects.bulk_update(
        [*results, *released], ["state", "attempts", "last_answer", "next_attempt_at", "sent_at"]
    )
    if bounced:
        Subscriber.objects.filter(pk__in=bounced, status=Subscriber.Status.CONFIRMED).update(
            status=Subscriber.Status.BOUNCED, bounced_at=now
        )
    sent = sum(outcome is Outcome.SENT for outcome, _answer in results.values())
    if broken:
        # Not the mail server's fault, and no wait mends it: staff resume it once mended.
        Campaign.objects.filter(pk=campaign.pk, state=Campaign.State.SENDING).update(
            state=Campaign.State.PAUSED, paused_by=Campaign.PausedBy.PROBLEM, last_error=broken
        )
        return f"{sent} sent; paused: {broken}", None
    if unreachable:
        pauses = campaign.server_pauses
        delay = settings.NEWSLETTER_PAUSE_DELAYS[
            min(pauses, len(settings.NEWSLETTER_PAUSE_DELAYS) - 1)
        ]
        resume_at = now + timedelta(seconds=delay)
        Campaign.objects.filter(pk=campaign.pk, state=Campaign.State.SENDING).update(
            state=Campaign.State.PAUSED,
            paused_by=Campaign.PausedBy.SERVER,
            resume_at=resume_at,
            server_pauses=F("server_pauses") + 1,
            last_error=unreachable,
        )
        logger.warning("Newsletter send %s paused: %s", campaign.pk, unreachable)
        return f"{sent} sent; paused: {unreachable}", resume_at
    if sent and campaign.server_pauses:
        Campaign.objects.filter(pk=campaign.pk).update(server_pauses=0, last_error="")
    return f"{sent} sent of {len(results)}", now


def next_due(campaign, now):
    """When a delivery of the campaign is next due; None, and the campaign marked sent,
    when every delivery has its answer."""
    left = Delivery.objects.filter(
        campaign=campaign, state__in=[State.WAITING, State.SENDING]
    ).aggregate(
        left=Count("pk"),
        waiting=Min("next_attempt_at", filter=Q(state=State.WAITING)),
        claimed=Min("claimed_at", filter=Q(state=State.SENDING)),
    )
    if not left["left"]:
        Campaign.objects.filter(pk=campaign.pk, state=Campaign.State.SENDING).update(
            state=Campaign.State.SENT, finished_at=now
        )
        return None
    timeout = timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
    candidates = [left["waiting"], left["claimed"] and left["claimed"] + timeout]
    return max(now, min(moment for moment in candidates if moment))
