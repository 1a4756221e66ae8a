"""Bad input: a clear message beside the field and in the summary, what was typed kept,
nothing stored and nothing sent."""

import pytest
from bs4 import BeautifulSoup

from newsletter.models import Subscriber
from tests.html import visible_text
from tests.newsletter.conftest import queued_confirmations, sign_up


def refused(response, field):
    """The message shown for `field`, after checking the page is an error page as a whole."""
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title.get_text().startswith("Error:")
    summary = page.select_one(".error-summary[role=alert]")
    links = {a["href"]: a.get_text() for a in summary.select("a")}
    field_id = f"newsletter-{field}"
    message = page.select_one(f"#{field_id}-error")
    assert links[f"#{field_id}"] in visible_text(message)
    control = page.select_one(f"#{field_id}")
    assert control["aria-invalid"] == "true"
    assert f"{field_id}-error" in control["aria-describedby"]
    assert not Subscriber.objects.exists()
    assert not queued_confirmations().exists()
    return links[f"#{field_id}"], page


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter your email address"),
        ("not-an-address", "Enter an email address in the correct format, like name@example.com"),
        ("ann@", "Enter an email address in the correct format, like name@example.com"),
        ("a" * 250 + "@example.org", "Email address must be 254 characters or fewer"),
    ],
    ids=["missing", "malformed", "no-domain", "overlong"],
)
def test_a_bad_email_address(home, client, email, message):
    shown, _page = refused(sign_up(client, email=email), "email")
    assert shown == message


def test_an_overlong_name(home, client):
    shown, _page = refused(sign_up(client, name="n" * 101), "name")
    assert shown == "Your name must be 100 characters or fewer"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "ann@example.org\r\nBcc: everyone@example.org"),
        ("email", "ann@example.org\n"),
        ("email", "ann\x00@example.org"),
        ("name", "Ann\r\nBcc: everyone@example.org"),
        ("name", "Ann\tExample"),
        ("name", "Ann\u202eelpmaxE"),
    ],
    ids=[
        "email-header-injection",
        "email-newline",
        "email-nul",
        "name-header-injection",
        "name-tab",
        "name-bidi-override",
    ],
)
def test_line_breaks_and_control_characters(home, client, field, value):
    shown, _page = refused(sign_up(client, **{field: value}), field)
    assert "on one line, without hidden characters" in shown


def test_missing_consent(home, client):
    shown, _page = refused(sign_up(client, consent=""), "consent")
    assert shown == "Tick the box to agree to receive the newsletter"


def test_what_was_typed_is_kept_after_an_error(home, client):
    _shown, page = refused(sign_up(client, email="ann@", name="Ann <Example>", consent=""), "email")
    assert page.select_one("#newsletter-email")["value"] == "ann@"
    assert page.select_one("#newsletter-name")["value"] == "Ann <Example>"
    assert page.select_one("input[name=source]")["value"] == "/"
    # Errors in the order of the fields.
    assert [a["href"] for a in page.select(".error-summary a")] == [
        "#newsletter-email",
        "#newsletter-consent",
    ]


def test_a_ticked_box_stays_ticked_after_an_error(home, client):
    _shown, page = refused(sign_up(client, email="nope"), "email")
    assert page.select_one("#newsletter-consent").has_attr("checked")
