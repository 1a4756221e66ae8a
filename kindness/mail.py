"""Every email the site sends goes out through the email worker.

`QueuedEmailBackend` is the site's EMAIL_BACKEND: sending an email (a password reset, a
workflow notification, anything the admin or an app sends) stores it, exactly as composed,
as a task on the "email" queue, in the request's own transaction. The worker
(`manage.py db_worker --backend email`) sends it with EMAIL_DELIVERY_BACKEND, the real one
(SMTP, or files in development), and tries again later while the mail server refuses
(EMAIL_RETRY_DELAYS). So a click in the admin never waits for, or fails because of, the
mail server; the email is sent when the server is back.

Work that already runs on the worker (the newsletter's tasks) sends with `deliver()`, at
once, and keeps its own retries.
"""

import base64
import email
import email.policy
import logging
import re
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


class QueuedEmailBackend(BaseEmailBackend):
    """Queues each message for the worker, which sends it with EMAIL_DELIVERY_BACKEND."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            send_email.enqueue(
                raw=base64.b64encode(message.message().as_bytes()).decode("ascii"),
                sender=message.from_email,
                recipients=list(message.recipients()),
            )
            queued += 1
        return queued


def deliver(message):
    """Send an EmailMessage now, with the real backend: for work already on the worker."""
    return get_connection(settings.EMAIL_DELIVERY_BACKEND).send_messages([message])


class _ComposedMessage:
    """A MIME message already written out, as Django's backends ask for one."""

    def __init__(self, raw):
        self.raw = raw

    def as_bytes(self, unixfrom=False, linesep="\n"):
        return re.sub(rb"\r?\n", linesep.encode(), self.raw)

    def as_string(self, unixfrom=False, linesep="\n"):
        return self.as_bytes(linesep=linesep).decode("utf-8", "replace")


class QueuedMessage(EmailMessage):
    """An email as the request composed it: its headers and parts are sent unchanged (the
    Bcc too, which is in the envelope, not the headers)."""

    def __init__(self, raw, sender, recipients):
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        body = parsed.get_body(preferencelist=("plain", "html"))
        super().__init__(
            subject=str(parsed["Subject"] or ""),
            body=body.get_content() if body is not None else "",
            from_email=sender,
            to=[str(address) for address in parsed.get_all("To", [])],
        )
        self.raw = raw
        self.envelope_recipients = recipients

    def recipients(self):
        return self.envelope_recipients

    def message(self):
        return _ComposedMessage(self.raw)


@task(backend="email")
def send_email(raw, sender, recipients, attempt=1):
    """Send a queued email; while the mail server refuses, queue the next attempt after
    EMAIL_RETRY_DELAYS[attempt - 1] seconds and record this one as failed, with its error."""
    message = QueuedMessage(base64.b64decode(raw), sender, recipients)
    try:
        deliver(message)
    except (smtplib.SMTPException, OSError):
        delays = settings.EMAIL_RETRY_DELAYS
        if attempt > len(delays):
            logger.error("Gave up sending %r to %s", message.subject, ", ".join(recipients))
            raise
        delay = timedelta(seconds=delays[attempt - 1])
        send_email.using(run_after=timezone.now() + delay).enqueue(
            raw=raw, sender=sender, recipients=recipients, attempt=attempt + 1
        )
        logger.warning(
            "Mail server refused %r to %s; retrying in %s",
            message.subject,
            ", ".join(recipients),
            delay,
        )
        raise
    return "sent"
