"""The emails the newsletter sends: plain text and HTML from templates, with the list's
headers: List-Id (RFC 2919) and one-click List-Unsubscribe (RFC 8058)."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from newsletter.models import Subscriber

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


def confirm_token(subscriber):
    """A signed, timestamped token: it expires NEWSLETTER_CONFIRMATION_DAYS after sending."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(subscriber.token))


def unsubscribe_token(subscriber):
    """A signed token that never expires: every email's unsubscribe link keeps working."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscriber.token))


def subscriber_to_confirm(token):
    """The subscriber a confirm link names. Raises signing.SignatureExpired for a link older
    than NEWSLETTER_CONFIRMATION_DAYS, signing.BadSignature for one that was changed."""
    max_age = settings.NEWSLETTER_CONFIRMATION_DAYS * 24 * 60 * 60
    return _subscriber_named(
        signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=max_age)
    )


def subscriber_to_unsubscribe(token):
    """The subscriber an unsubscribe link names; signing.BadSignature for a changed link."""
    return _subscriber_named(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))


def forgotten_subscriber(token):
    """Whether an unsubscribe link, its signature good, names a subscriber who left and
    was forgotten (newsletter.retention)."""
    from newsletter.retention import unsubscribed_long_ago

    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return False
    return unsubscribed_long_ago(value)


def _subscriber_named(value):
    subscriber = Subscriber.objects.filter(token=value).first()
    if subscriber is None:
        raise signing.BadSignature("no such subscriber")
    return subscriber


def absolute(path):
    return settings.BASE_URL + path


def confirm_url(subscriber):
    return absolute(reverse("newsletter:confirm", args=[confirm_token(subscriber)]))


def unsubscribe_url(subscriber):
    return absolute(reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)]))


def list_id():
    """The newsletter's List-Id: `Name <newsletter.example.org>`, under the site's domain.

    Mail filters and spam scores look for it on list mail. A site on an address with no
    domain name (an IP address or a bare host, as in development) uses RFC 2919's
    unmanaged `localhost` namespace instead.
    """
    host = (urlsplit(settings.BASE_URL).hostname or "").rstrip(".")
    try:
        ipaddress.ip_address(host)
        host = ""
    except ValueError:
        pass
    namespace = host if "." in host else "localhost"
    return f"{settings.WAGTAIL_SITE_NAME} newsletter <newsletter.{namespace}>"


def list_headers(unsubscribe):
    """The headers of every email to a subscriber: the list's name and its one-click
    unsubscribe (`unsubscribe`: the subscriber's own link)."""
    return {
        "List-Id": list_id(),
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def newsletter_email(subscriber, *, subject, template, context=None):
    """An email to one subscriber with a one-click unsubscribe link in its body and headers."""
    unsubscribe = unsubscribe_url(subscriber)
    context = {
        "subscriber": subscriber,
        "unsubscribe_url": unsubscribe,
        "site_url": settings.BASE_URL,
        **(context or {}),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"newsletter/emails/{template}.txt", context),
        to=[subscriber.email],
        headers=list_headers(unsubscribe),
    )
    message.attach_alternative(
        render_to_string(f"newsletter/emails/{template}.html", context), "text/html"
    )
    return message


def confirmation_email(subscriber):
    return newsletter_email(
        subscriber,
        subject="Confirm your subscription to the Kinder Communities newsletter",
        template="confirm",
        context={
            "confirm_url": confirm_url(subscriber),
            "days": settings.NEWSLETTER_CONFIRMATION_DAYS,
        },
    )
