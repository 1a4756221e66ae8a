"""The email queue with the real worker: nothing lost while the mail server is down."""

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsletter.models import Subscriber
from newsletter.tasks import send_confirmation
from tests.newsletter.conftest import link_in, path_of, run_worker, sign_up

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_worker_sends_the_email_and_the_link_confirms(demo, client):
    sign_up(client)
    assert mail.outbox == []
    run_worker()
    (message,) = mail.outbox
    client.post(path_of(link_in(message, "confirm")))
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    run_worker()
    assert len(mail.outbox) == 1  # sent once, not again


def confirmation_tasks():
    return DBTaskResult.objects.filter(task_path=send_confirmation.module_path)


def time_passes():
    """The retry's wait is over: what ten minutes would do, without the wait."""
    confirmation_tasks().filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def test_a_signup_made_while_the_mail_server_is_down_is_sent_when_it_is_back(
    demo, client, smtp_server
):
    response = sign_up(client)
    assert response.status_code == 302  # the reader never sees the mail server's trouble
    assert Subscriber.objects.filter(status=Subscriber.Status.PENDING).count() == 1

    run_worker()
    assert smtp_server.received == []
    failed = confirmation_tasks().get(status=TaskResultStatus.FAILED)
    assert "451" in str(failed.exception_class_path) + str(failed.traceback)
    retry = confirmation_tasks().get(status=TaskResultStatus.READY)
    assert retry.run_after > timezone.now()  # backed off, not hammering the server
    run_worker()
    assert smtp_server.received == []  # nothing before its time

    smtp_server.accepting = True
    time_passes()
    run_worker()
    (message,) = smtp_server.received
    assert message["To"] == "ann@example.org"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Id"] == "Kinder Communities newsletter <newsletter.localhost>"
    assert confirmation_tasks().filter(status=TaskResultStatus.SUCCESSFUL).count() == 1


def test_the_worker_gives_up_after_the_last_retry(demo, client, smtp_server):
    sign_up(client)
    for _attempt in range(3):
        run_worker()
        time_passes()
    assert not confirmation_tasks().filter(status=TaskResultStatus.READY).exists()
    assert confirmation_tasks().filter(status=TaskResultStatus.FAILED).count() == 3
    # The signup itself is kept: staff can see it, and a new signup sends a fresh email.
    assert Subscriber.objects.count() == 1


def test_a_confirmation_refused_for_good_marks_the_address_bounced_at_once(
    demo, client, scripted_smtp
):
    scripted_smtp.answers["ann@example.org"] = ["550 5.1.1 No such mailbox"]
    sign_up(client)
    run_worker()
    assert Subscriber.objects.get().status == Subscriber.Status.BOUNCED
    assert scripted_smtp.attempts == {"ann@example.org": 1}  # not nine times
    assert not confirmation_tasks().filter(status=TaskResultStatus.READY).exists()


def test_a_confirmation_refused_for_now_is_tried_again(demo, client, scripted_smtp):
    scripted_smtp.answers["ann@example.org"] = ["451 4.2.0 Try later", "250 OK"]
    sign_up(client)
    run_worker()
    time_passes()
    run_worker()
    assert [recipient for recipient, _message in scripted_smtp.received] == ["ann@example.org"]
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
