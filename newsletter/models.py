"""Newsletter subscribers, with the proof of consent staff need, and the signup settings."""

import uuid

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class SubscriberQuerySet(models.QuerySet):
    def for_email(self, email):
        """The subscriber with this address in any letter case (the unique index's terms)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.strip().lower())

    def unconfirmed_since(self, moment):
        """Pending signups nobody confirmed, last asked for before `moment`."""
        return self.filter(status=Subscriber.Status.PENDING, consented_at__lt=moment)


class Subscriber(models.Model):
    """Someone who signed up for the newsletter, and what they agreed to, when and where."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        # The mail server refused the address for good (a 5xx answer): never emailed again.
        BOUNCED = "bounced", "Bounced"

    email = models.EmailField("email address", max_length=254)
    name = models.CharField(max_length=100, blank=True, help_text="Optional; as they typed it.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    # Identifies the subscriber in the signed links of their emails; never shown.
    token = models.UUIDField(unique=True, editable=False, default=uuid.uuid4)
    consent_text = models.TextField(
        "consent wording", help_text="The exact wording they agreed to when they signed up."
    )
    consented_at = models.DateTimeField("consent given")
    source_path = models.CharField(
        "signed up on", max_length=200, blank=True, help_text="The page the form was on."
    )
    created_at = models.DateTimeField("first signed up", auto_now_add=True)
    confirmation_sent_at = models.DateTimeField("confirmation email queued", null=True)
    confirmed_at = models.DateTimeField("confirmed", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("unsubscribed", null=True, blank=True)
    bounced_at = models.DateTimeField("bounced", null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_unique_email")
        ]

    def __str__(self):
        return self.email

    def confirm(self):
        """Confirm a pending signup. Returns False if there was nothing to confirm."""
        updated = Subscriber.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
            status=self.Status.CONFIRMED, confirmed_at=timezone.now(), unsubscribed_at=None
        )
        self.refresh_from_db()
        if updated:
            from newsletter.retention import signed_up_again

            signed_up_again(self.email)
        return bool(updated)

    def bounce(self):
        """The mail server refused this address for good: send it nothing more."""
        Subscriber.objects.filter(pk=self.pk).exclude(status=self.Status.UNSUBSCRIBED).update(
            status=self.Status.BOUNCED, bounced_at=timezone.now()
        )

    def unsubscribe(self):
        if self.status != self.Status.UNSUBSCRIBED:
            self.status = self.Status.UNSUBSCRIBED
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["status", "unsubscribed_at"])


DEFAULT_CONSENT = (
    "I agree to receive the Kinder Communities newsletter by email. I can unsubscribe at any "
    "time with the link in every email."
)


@register_setting(icon="mail")
class NewsletterSettings(BaseSiteSetting):
    """What the signup form says, editable without a deploy."""

    # The footer's form on every page links the privacy notice: fetched with the settings.
    select_related = ["privacy_page"]

    introduction = models.TextField(
        max_length=400,
        default="News of the programme's reports, films and events, a few times a year.",
        help_text="A sentence or two above the form, on its own page and in the footer.",
    )
    consent_text = models.TextField(
        "consent wording",
        max_length=400,
        default=DEFAULT_CONSENT,
        help_text="The words beside the tick box. They are saved with each signup as the "
        "record of what the person agreed to, so change them with care.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The privacy notice, linked beside the tick box.",
    )

    panels = [FieldPanel("introduction"), FieldPanel("consent_text"), FieldPanel("privacy_page")]

    class Meta:
        verbose_name = "newsletter settings"


# The newsletter's page types live in their own module; Django finds models here.
from newsletter.pages import NewsletterIndexPage, NewsletterIssuePage  # noqa: E402, F401

# What is kept of former subscribers (newsletter/retention.py).
from newsletter.retention import FormerSubscriber  # noqa: E402, F401, I001

# The sending of issues lives in its own package; Django finds its models here.
from newsletter.sending.models import Campaign, Delivery  # noqa: E402, F401
