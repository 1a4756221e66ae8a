"""A campaign's send on the email worker: one run per batch, each queueing the next."""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from newsletter.models import Subscriber
from newsletter.sending import engine
from newsletter.sending.models import Campaign, Delivery


def waiting_runs(campaign_id, lane):
    """This lane's queued runs of the campaign's send, not yet started."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=send_campaign.module_path,
        args_kwargs__kwargs__campaign_id=campaign_id,
        args_kwargs__kwargs__lane=lane,
    )


# The worker takes a due run within seconds: one still waiting this long after its time
# means no email worker is running.
STALLED_AFTER = timedelta(minutes=3)


def stalled_since(campaign):
    """When the campaign's work fell due, if it has waited over STALLED_AFTER for a worker
    (the send's next batch, a resume, a scheduled start); None while all is well."""
    if campaign.state == Campaign.State.SCHEDULED:
        due = campaign.scheduled_for
    elif campaign.state in {Campaign.State.SENDING, Campaign.State.PAUSED}:
        from django_tasks_db.models import DBTaskResult

        if campaign.state == Campaign.State.PAUSED and campaign.resume_at is None:
            return None  # paused by staff: nothing is due until they resume it
        due = (
            DBTaskResult.objects.filter(
                status=TaskResultStatus.READY,
                task_path=send_campaign.module_path,
                args_kwargs__kwargs__campaign_id=campaign.pk,
            )
            .order_by("run_after")
            .values_list("run_after", flat=True)
            .first()
        )
    else:
        return None
    if due is not None and due < timezone.now() - STALLED_AFTER:
        return due
    return None


def start_lanes(campaign_id):
    """Queue each of the NEWSLETTER_PARALLEL_SENDS lanes that has none waiting: a run due now
    and its spare, due after the claim timeout."""
    now = timezone.now()
    for lane in range(settings.NEWSLETTER_PARALLEL_SENDS):
        if not waiting_runs(campaign_id, lane).exists():
            for run_after in (now, now + claim_timeout()):
                send_campaign.using(priority=engine.PRIORITY, run_after=run_after).enqueue(
                    campaign_id=campaign_id, lane=lane
                )


def claim_timeout():
    return timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)


def start(campaign):
    """Begin sending a draft or scheduled campaign: its issue's published revision, to every
    subscriber confirmed now. Returns how many it goes to; CannotSend says why not."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.state not in {Campaign.State.DRAFT, Campaign.State.SCHEDULED}:
            raise engine.CannotSend(f"This send is {campaign.get_state_display().lower()} already.")
        page = campaign.issue
        if page is None or not page.live or page.live_revision_id is None:
            raise engine.CannotSend("The issue is not published: publish it first, then send it.")
        now = timezone.now()
        campaign.revision_id = page.live_revision_id
        campaign.subject = page.live_revision.object_str or page.title
        campaign.state = Campaign.State.SENDING
        campaign.started_at = now
        campaign.save()
        delivery, subscriber = Delivery._meta, Subscriber._meta
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {delivery.db_table} "
                "(campaign_id, subscriber_id, state, attempts, last_answer, next_attempt_at) "
                f"SELECT %s, id, %s, 0, '', %s FROM {subscriber.db_table} WHERE status = %s",
                [campaign.pk, Delivery.State.WAITING, now, Subscriber.Status.CONFIRMED],
            )
            recipients = cursor.rowcount
        start_lanes(campaign.pk)
    return recipients


@task(backend="email")
def send_campaign(campaign_id, lane=0):
    """Send the campaign's next batch, then bring this lane's next run forward to when it is
    due.

    A lane always has two runs waiting while it sends: a worker that takes one leaves the
    other, due only after the claim timeout. If the worker is killed, even before this line,
    the spare carries on once a worker is back; so the run starts by making a new spare.
    """
    waiting = waiting_runs(campaign_id, lane)
    later = timezone.now() + claim_timeout()
    waiting.update(run_after=later)
    for _ in range(2 - waiting.count()):
        send_campaign.using(priority=engine.PRIORITY, run_after=later).enqueue(
            campaign_id=campaign_id, lane=lane
        )
    done, due = engine.run(campaign_id)
    if due is None:
        waiting.delete()
    else:
        waiting.filter(pk__in=waiting.order_by("enqueued_at", "pk").values("pk")[:1]).update(
            run_after=due
        )
    return done


@task(backend="email")
def start_campaign(campaign_id):
    """Start a scheduled campaign when its time has come (unless it was changed meanwhile)."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None or campaign.state != Campaign.State.SCHEDULED:
        return "nothing to start"
    if campaign.scheduled_for and campaign.scheduled_for > timezone.now():
        return "not yet: rescheduled"
    try:
        return f"started: {start(campaign)} recipients"
    except engine.CannotSend as error:
        Campaign.objects.filter(pk=campaign_id).update(last_error=str(error))
        return str(error)


@task(backend="email")
def send_test(page_id, address):
    """A test send of an issue's newest revision, to one address: never to subscribers."""
    from wagtail.models import Page

    from kindness.mail import deliver

    page = Page.objects.get(pk=page_id).specific
    issue = page.get_latest_revision_as_object()
    subscriber = Subscriber(email=address)
    deliver(
        engine.compose(
            issue,
            subscriber,
            message_id=engine.test_message_id(page_id),
            test=True,
        )
    )
    return "sent"


TEST_SEND_STATES = {
    TaskResultStatus.READY: "Waiting for the worker",
    TaskResultStatus.RUNNING: "Being sent",
    TaskResultStatus.SUCCESSFUL: "Sent",
    TaskResultStatus.FAILED: "Not sent: the mail server refused it or could not be reached",
}


def test_sends(page_id):
    """The test sends of an issue still on record, newest first: when each was asked for, to
    whom, what became of it and when. Finished ones go when task rows are pruned
    (TASK_RESULTS_KEEP_DAYS)."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        task_path=send_test.module_path, args_kwargs__args__0=page_id
    ).order_by("-enqueued_at")
    return [
        {
            "asked_at": row.enqueued_at,
            "address": row.args_kwargs["args"][1],
            "state": TEST_SEND_STATES.get(row.status, row.status),
            "finished_at": row.finished_at,
        }
        for row in rows
    ]
