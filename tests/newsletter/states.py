"""Every page a reader can meet on the way through the newsletter, in each of its states.

The HTML, inline-code and accessibility checks visit all of them, error states included.
"""

from django.test import override_settings

from newsletter.emails import confirm_token, unsubscribe_token
from newsletter.models import Subscriber
from tests.newsletter.conftest import VALID, sign_up

ERROR_STATES = {
    "the signup page after a bad email and no consent": {"email": "ann@", "consent": ""},
    "the signup page after an overlong name": {"name": "n" * 101},
    "the signup page after a line break in the name": {"name": "Ann\r\nBcc: x@example.org"},
}


def newsletter_pages(client):
    """{label: (response, expected status)} for every state, made with the test client."""
    sign_up(client, email="states@example.org")
    subscriber = Subscriber.objects.get(email="states@example.org")
    confirm = f"/newsletter/confirm/{confirm_token(subscriber)}/"
    unsubscribe = f"/newsletter/unsubscribe/{unsubscribe_token(subscriber)}/"
    pages = {
        "the signup page": (client.get("/newsletter/"), 200),
        "check your email": (client.get("/newsletter/check-your-email/"), 200),
        "the confirm question": (client.get(confirm), 200),
        "the unsubscribe question": (client.get(unsubscribe), 200),
        "a link that does not work": (client.get("/newsletter/confirm/nonsense/"), 404),
    }
    for label, fields in ERROR_STATES.items():
        pages[label] = (sign_up(client, **fields), 400)
    pages["a confirmation from another site"] = (
        client.post(confirm, headers={"Origin": "https://evil.example"}),
        403,
    )
    pages["the thank-you page"] = (client.post(confirm), 200)
    pages["unsubscribed"] = (client.post(unsubscribe), 200)
    # Once unsubscribed, the old confirm link has expired.
    pages["an expired link"] = (client.get(confirm), 410)
    pages["a signup from another site"] = (
        client.post("/newsletter/", VALID, headers={"Origin": "https://evil.example"}),
        403,
    )
    with override_settings(NEWSLETTER_SIGNUPS_PER_CLIENT_PER_HOUR=0):
        pages["too many signups"] = (sign_up(client, email="more@example.org"), 429)
    return pages
