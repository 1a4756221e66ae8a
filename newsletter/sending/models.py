"""Campaigns and their deliveries: the per-recipient record that survives crashes and
mail-server faults (newsletter/sending/engine.py says how they move)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q


class Campaign(models.Model):
    """One send of one newsletter issue, from draft to sent."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        PAUSED = "paused", "Paused"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    class PausedBy(models.TextChoices):
        STAFF = "staff", "Paused by staff"
        SERVER = "server", "Paused: the mail server could not be reached"
        PROBLEM = "problem", "Paused: the issue could not be made into an email"

    # Kept when the issue or its revision is deleted, as the record of what was sent (a
    # send under way then stops: there is nothing left to send).
    issue = models.ForeignKey(
        "newsletter.NewsletterIssuePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
        help_text="The newsletter issue sent.",
    )
    # The content sent, fixed when the send starts: the issue's published revision then.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=255, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    scheduled_for = models.DateTimeField("send at", null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    paused_by = models.CharField(max_length=20, choices=PausedBy.choices, blank=True)
    resume_at = models.DateTimeField(null=True, blank=True)
    # Pauses in a row for an unreachable server: each waits longer (NEWSLETTER_PAUSE_DELAYS).
    server_pauses = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        # As the admin's menu names them.
        verbose_name = "newsletter send"
        ordering = ["-created_at", "-pk"]
        permissions = [("send_campaign", "Can send the newsletter to subscribers")]

    def __str__(self):
        return self.subject or (self.issue.title if self.issue else f"Send {self.pk}")

    @property
    def is_running(self):
        return self.state in {self.State.SENDING, self.State.PAUSED}


class DeliveryQuerySet(models.QuerySet):
    def counts(self):
        """How many deliveries are in each state, with the retries and the in-doubt ones."""
        State = Delivery.State
        return self.aggregate(
            total=Count("pk"),
            sent=Count("pk", filter=Q(state=State.SENT)),
            sent_after_retry=Count("pk", filter=Q(state=State.SENT, attempts__gt=1)),
            waiting=Count("pk", filter=Q(state=State.WAITING, attempts=0)),
            retrying=Count("pk", filter=Q(state=State.WAITING, attempts__gt=0)),
            in_doubt=Count("pk", filter=Q(state=State.SENDING)),
            bounced=Count("pk", filter=Q(state=State.BOUNCED)),
            failed=Count("pk", filter=Q(state=State.FAILED)),
            skipped=Count("pk", filter=Q(state=State.SKIPPED)),
        )


class Delivery(models.Model):
    """One subscriber's copy of one campaign: whether it went, and what the server said."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting"
        # Claimed by a worker and possibly on the wire: if the worker dies now, nobody
        # knows whether the server took it, so it is sent again after NEWSLETTER_CLAIM_TIMEOUT.
        SENDING = "sending", "In doubt"
        SENT = "sent", "Sent"
        BOUNCED = "bounced", "Bounced"
        FAILED = "failed", "Failed"
        # Unsubscribed (or bounced elsewhere) before their turn came.
        SKIPPED = "skipped", "Not sent: no longer subscribed"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        "newsletter.Subscriber", on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.WAITING)
    attempts = models.PositiveIntegerField(default=0)
    last_answer = models.TextField("last answer from the mail server", blank=True)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "subscriber"], name="newsletter_delivery_once_per_campaign"
            )
        ]
        indexes = [
            models.Index(
                fields=["campaign", "state", "next_attempt_at"], name="newsletter_delivery_due"
            ),
            # The hourly rate counts what was sent in the last hour, across campaigns.
            models.Index(fields=["sent_at"], name="newsletter_delivery_sent_at"),
        ]

    def __str__(self):
        return f"{self.campaign} to {self.subscriber}"
