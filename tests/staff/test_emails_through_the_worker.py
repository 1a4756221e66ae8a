"""The admin's emails go out through the email worker: a password reset and a workflow
notification succeed while the mail server is down, and reach it once it is back."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from kindness.mail import send_email
from programme.models import ContentPage
from tests.servers import run_email_worker
from tests.two_factor import sign_in_to_admin

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def email_tasks(status):
    return DBTaskResult.objects.filter(task_path=send_email.module_path, status=status)


def time_passes():
    """The retry's wait is over: what ten minutes would do, without the wait."""
    email_tasks(TaskResultStatus.READY).update(run_after=timezone.now())


def body_of(message):
    return (
        message.get_payload(decode=True).decode()
        if not message.is_multipart()
        else (message.get_payload(0).get_payload(decode=True).decode())
    )


def test_a_password_reset_asked_while_mail_is_down_is_sent_when_it_is_back(
    demo, editor_account, smtp_server
):
    client = Client()
    response = client.post("/admin/password_reset/", {"email": editor_account.email})
    # The editor is told the email is on its way, whatever the mail server is doing.
    assert response.status_code == 302
    assert email_tasks(TaskResultStatus.READY).count() == 1

    run_email_worker()
    assert smtp_server.received == []
    failed = email_tasks(TaskResultStatus.FAILED).get()
    assert "451" in str(failed.traceback)
    assert email_tasks(TaskResultStatus.READY).get().run_after > timezone.now()

    smtp_server.accepting = True
    time_passes()
    run_email_worker()
    (message,) = smtp_server.received
    assert message["To"] == editor_account.email
    link = re.search(r"https?://\S+(/admin/password_reset/confirm/\S+/)", body_of(message))
    # The link works: it opens the form to choose a new password.
    form = client.get(link.group(1), follow=True)
    assert b"new_password1" in form.content


def test_a_submission_for_approval_reaches_the_approver_through_the_worker(
    demo, editor_account, approver_account, smtp_server
):
    smtp_server.accepting = True
    editor = sign_in_to_admin(Client(), editor_account)
    page = ContentPage.objects.live().get(slug="about")
    form = nested_form_data(
        {
            "title": "About us",
            "slug": page.slug,
            "introduction": page.introduction,
            "body": streamfield([("paragraph", rich_text("<p>What the programme is.</p>"))]),
            "show_in_footer": "on" if page.show_in_footer else "",
            "action-submit": "submit",
        }
    )
    assert editor.post(f"/admin/pages/{page.pk}/edit/", form).status_code == 302
    # Sent by the worker, not by the editor's request.
    assert smtp_server.received == []
    run_email_worker()
    assert [message["To"] for message in smtp_server.received] == [approver_account.email]
    assert "About us" in smtp_server.received[0]["Subject"]
