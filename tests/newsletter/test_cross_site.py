"""No CSRF token in the pages: a post from another site is refused by the browser's headers."""

import pytest

from newsletter.models import Subscriber
from tests.newsletter.conftest import VALID


@pytest.mark.parametrize(
    ("headers", "accepted"),
    [
        ({"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}, True),
        ({"Origin": "http://testserver"}, True),
        ({"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}, False),
        ({"Origin": "https://evil.example"}, False),
        ({"Sec-Fetch-Site": "same-site"}, False),
        ({"Origin": "null"}, False),
        ({}, True),
    ],
    ids=[
        "same-origin",
        "same-origin-without-fetch-metadata",
        "other-origin",
        "other-origin-old-browser",
        "sibling-subdomain",
        "null-origin",
        "old-browser-sends-neither",
    ],
)
def test_where_a_signup_comes_from(home, client, headers, accepted):
    response = client.post("/newsletter/", VALID, headers=headers)
    if accepted:
        assert response.status_code == 302
        assert Subscriber.objects.count() == 1
    else:
        assert response.status_code == 403
        assert b"came from another website" in response.content
        assert not Subscriber.objects.exists()
