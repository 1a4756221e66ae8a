"""The newsletter tests: a site to sign up on, the queued emails, the worker that sends them."""

import re

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsletter.tasks import send_confirmation
from tests.servers import run_email_worker

VALID = {"email": "ann@example.org", "name": "Ann Example", "consent": "yes", "source": "/"}


def queued_confirmations():
    return DBTaskResult.objects.filter(
        task_path=send_confirmation.module_path, status=TaskResultStatus.READY
    )


# The real worker, as `make run` and production run it, until the queue is empty.
run_worker = run_email_worker


def sign_up(client, *, remote_addr="127.0.0.1", **fields):
    """Post the signup form as a reader's browser (from `remote_addr`) would."""
    return client.post("/newsletter/", {**VALID, **fields}, REMOTE_ADDR=remote_addr)


def link_in(message, kind):
    """The confirm or unsubscribe link in an email's plain-text body."""
    match = re.search(rf"https?://\S+/newsletter/{kind}/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


# The campaign tests' mail server, for any test here that asks for it.
from tests.newsletter.campaigns import scripted_smtp  # noqa: E402, F401
