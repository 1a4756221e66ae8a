"""The newsletter's sends in the admin: only those allowed to send see them; a send shows
how many it goes to and asks first; a test goes to the person alone."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsletter.models import Campaign, Delivery, Subscriber
from newsletter.sending.tasks import start_campaign
from tests.newsletter.campaigns import an_issue, subscribe
from tests.servers import run_email_worker

LISTING = "/admin/newsletter_campaigns/"


def new_send(client):
    response = client.post(LISTING + "new/", {"issue": an_issue().pk})
    assert response.status_code == 302, response.content
    return Campaign.objects.order_by("-pk").first()


def act(client, campaign, action, data=None):
    return client.post(f"{LISTING}act/{campaign.pk}/{action}/", data or {}, follow=True)


def text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.mark.django_db
def test_editors_cannot_see_or_start_a_send(editor, demo):
    campaign = Campaign.objects.create(issue=an_issue())
    assert editor.get(LISTING).status_code in {302, 403}
    assert editor.post(f"{LISTING}act/{campaign.pk}/send/").status_code in {302, 403}
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.DRAFT


@pytest.mark.django_db
def test_an_approver_sees_how_many_and_confirms_before_sending(approver, demo):
    subscribe(3)
    subscribe(2, prefix="pending", status=Subscriber.Status.PENDING)
    campaign = new_send(approver)
    page = approver.get(f"{LISTING}inspect/{campaign.pk}/")
    assert "Sending now would go to 3 confirmed subscribers" in text(page)

    question = approver.get(f"{LISTING}act/{campaign.pk}/send/")
    assert "will be sent to 3 confirmed subscribers" in text(question)
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.DRAFT  # asking sends nothing

    response = act(approver, campaign, "send")
    assert "Sending “" in text(response)
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.SENDING
    assert campaign.revision_id == an_issue().live_revision_id
    assert Delivery.objects.filter(campaign=campaign).count() == 3
    assert "Recipients 3" in text(approver.get(f"{LISTING}inspect/{campaign.pk}/"))
    assert "already" in text(act(approver, campaign, "send"))  # a second press: nothing more
    assert Delivery.objects.count() == 3


@pytest.mark.django_db
def test_pause_resume_and_cancel(approver, demo):
    subscribe(2)
    campaign = new_send(approver)
    act(approver, campaign, "send")
    act(approver, campaign, "pause")
    campaign.refresh_from_db()
    assert (campaign.state, campaign.paused_by) == (Campaign.State.PAUSED, "staff")
    act(approver, campaign, "resume")
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.SENDING
    act(approver, campaign, "cancel")
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.CANCELLED
    assert "Only a paused send" in text(act(approver, campaign, "resume"))


@pytest.mark.django_db
def test_a_send_is_scheduled_for_a_time_in_the_future(approver, demo):
    campaign = new_send(approver)
    response = act(approver, campaign, "schedule", {"send_at": "2001-01-01T09:00"})
    assert "Choose a time in the future" in text(response)
    assert "in the future" in text(act(approver, campaign, "schedule", {"send_at": "soon"})) or (
        "valid" in text(act(approver, campaign, "schedule", {"send_at": "soon"}))
    )
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.DRAFT

    later = timezone.localtime() + timedelta(days=1)
    act(approver, campaign, "schedule", {"send_at": later.strftime("%Y-%m-%dT%H:%M")})
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.SCHEDULED
    queued = DBTaskResult.objects.get(task_path=start_campaign.module_path)
    assert queued.run_after == campaign.scheduled_for
    assert queued.status == TaskResultStatus.READY


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_test_send_goes_to_the_approver_alone(approver, demo):
    subscribe(3)
    campaign = new_send(approver)
    response = act(approver, campaign, "test")
    assert "on its way to approver@example.org" in text(response)
    assert listed_tests(response) == [["approver@example.org", "Waiting for the worker"]]
    run_email_worker()
    (message,) = mail.outbox
    assert message.to == ["approver@example.org"]
    assert message.subject.startswith("[Test] ")
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.DRAFT
    assert not Delivery.objects.exists()
    # The send's page says it went.
    page = approver.get(f"{LISTING}inspect/{campaign.pk}/")
    assert listed_tests(page) == [["approver@example.org", "Sent"]]


def listed_tests(response):
    """The rows of the send's "Tests of this issue": (to whom, what became of it)."""
    rows = BeautifulSoup(response.content, "html.parser").select("[data-test-send]")
    return [
        [row.select_one(f"[data-test-{part}]").get_text(strip=True) for part in ("to", "state")]
        for row in rows
    ]


STALLED = "Waiting for the email worker"


# The worker closes its connection when done, so the rows must be committed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_send_no_worker_takes_says_so_until_one_does(approver, demo):
    subscribe(2)
    campaign = new_send(approver)
    act(approver, campaign, "send")

    def page():
        return text(approver.get(f"{LISTING}inspect/{campaign.pk}/"))

    assert STALLED not in page()  # due now: a worker takes it within seconds
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert STALLED in page()
    run_email_worker()
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.SENT
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert STALLED not in page()


@pytest.mark.django_db
def test_a_scheduled_send_past_its_time_says_no_worker_started_it(approver, demo):
    campaign = new_send(approver)
    soon = timezone.localtime() + timedelta(minutes=2)
    act(approver, campaign, "schedule", {"send_at": soon.strftime("%Y-%m-%dT%H:%M")})
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.SCHEDULED
    assert STALLED not in text(approver.get(f"{LISTING}inspect/{campaign.pk}/"))
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert STALLED in text(approver.get(f"{LISTING}inspect/{campaign.pk}/"))
