"""How long the newsletter keeps what it knows about people who left, and erasure.

A subscriber who unsubscribed, or whose address bounced, is kept as they were for
NEWSLETTER_FORGET_AFTER_DAYS (the privacy notice says how long), so staff can answer a
question about them. After that only a `FormerSubscriber` is kept: keyed hashes (HMAC
with a key derived from SECRET_KEY) of their address and of the token in their
unsubscribe links. That is enough to honour the unsubscribe: an old email's link still
answers that the address is unsubscribed. Nothing else stays, and the address cannot be
read back from the hash. A new signup of the address works as any other, with fresh
consent; once confirmed, the hash is dropped.

Deleting a subscriber, by this or by an administrator (erasure), deletes their delivery
rows with them (the foreign key cascades) and the task rows that name their address
(`scrub_task_rows`, on every delete through the `post_delete` signal).
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.crypto import salted_hmac

ADDRESS_SALT = "newsletter.former-subscriber.address"
TOKEN_SALT = "newsletter.former-subscriber.token"


def address_digest(email):
    return salted_hmac(ADDRESS_SALT, email.strip().lower(), algorithm="sha256").hexdigest()


def token_digest(token):
    return salted_hmac(TOKEN_SALT, str(token), algorithm="sha256").hexdigest()


class FormerSubscriber(models.Model):
    """What is kept of a subscriber who left once the retention period is over: hashes."""

    address_digest = models.CharField(max_length=64, unique=True, editable=False)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    reason = models.CharField(max_length=20, editable=False)
    forgotten_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "newsletter"
        verbose_name = "former subscriber"

    def __str__(self):
        return f"A former subscriber ({self.reason})"


def departed(now=None):
    """Subscribers who left (unsubscribed or bounced) more than the retention period ago."""
    # From the registry: newsletter.models imports this module.
    Subscriber = apps.get_model("newsletter", "Subscriber")

    cutoff = (now or timezone.now()) - timedelta(days=settings.NEWSLETTER_FORGET_AFTER_DAYS)
    return Subscriber.objects.filter(
        models.Q(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at__lt=cutoff)
        | models.Q(status=Subscriber.Status.BOUNCED, bounced_at__lt=cutoff)
    )


@transaction.atomic
def forget_departed(now=None):
    """Replace each departed subscriber by their hashes; returns how many were forgotten."""
    subscribers = list(departed(now).select_for_update(skip_locked=True))
    FormerSubscriber.objects.bulk_create(
        [
            FormerSubscriber(
                address_digest=address_digest(subscriber.email),
                token_digest=token_digest(subscriber.token),
                reason=subscriber.status,
            )
            for subscriber in subscribers
        ],
        ignore_conflicts=True,
    )
    for subscriber in subscribers:
        # One at a time, so each delete scrubs the task rows naming that address.
        subscriber.delete()
    return len(subscribers)


def unsubscribed_long_ago(token_value):
    """Whether an unsubscribe link's token was a subscriber's who has since been forgotten."""
    return FormerSubscriber.objects.filter(token_digest=token_digest(token_value)).exists()


def signed_up_again(email):
    """A forgotten address confirmed a new signup: its fresh consent replaces the hash."""
    FormerSubscriber.objects.filter(address_digest=address_digest(email)).delete()


def scrub_task_rows(email):
    """Delete the background tasks' rows that name `email` (in their arguments, result or
    traceback), except one running now. Returns how many."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    address = email.strip()
    if not address:
        return 0
    rows = (
        DBTaskResult.objects.annotate(
            arguments=Cast("args_kwargs", TextField()), result=Cast("return_value", TextField())
        )
        .filter(
            models.Q(arguments__icontains=address)
            | models.Q(result__icontains=address)
            | models.Q(traceback__icontains=address)
        )
        .exclude(status=TaskResultStatus.RUNNING)
    )
    deleted, _ = DBTaskResult.objects.filter(pk__in=rows.values("pk")).delete()
    return deleted


def scrub_after_delete(sender, instance, **kwargs):
    """`post_delete` of a subscriber: however they were deleted, no task row keeps them."""
    scrub_task_rows(instance.email)
