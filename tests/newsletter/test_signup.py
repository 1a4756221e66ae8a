"""Signing up: one record per address, the same answer for everyone, consent recorded."""

import pytest
from django.core import mail
from django.test import override_settings

from newsletter.models import NewsletterSettings, Subscriber
from tests.html import soup, visible_text
from tests.newsletter.conftest import queued_confirmations, sign_up


def test_every_page_has_the_signup_form_in_its_footer(home, client):
    footer = soup(client.get("/")).select_one("footer")
    form = footer.select_one("form[action='/newsletter/'][method='post']")
    assert form is not None
    names = {field["name"] for field in form.select("[name]")}
    assert {"email", "name", "consent", "website", "source"} <= names
    assert form.select_one("input[name=source]")["value"] == "/"
    # No CSRF token: the page is the same for every reader, so it can be cached whole.
    assert not form.select("[name=csrfmiddlewaretoken]")
    assert "Set-Cookie" not in client.get("/").headers


def test_the_signup_page_has_the_form_once(home, client):
    page = soup(client.get("/newsletter/"))
    assert page.h1.get_text() == "Sign up for the newsletter"
    assert len(page.select("form[action='/newsletter/']")) == 1
    assert page.select_one("label[for=newsletter-email]").get_text() == "Email address"


def test_the_consent_wording_is_an_editable_setting_and_links_the_privacy_notice(home, client):
    settings = NewsletterSettings.for_site(home.get_site())
    settings.consent_text = "Yes, send me the newsletter."
    settings.privacy_page = home
    settings.save()
    page = soup(client.get("/newsletter/"))
    assert page.select_one("label[for=newsletter-consent]").get_text() == (
        "Yes, send me the newsletter."
    )
    hint = page.select_one("#newsletter-consent-hint")
    assert hint.a["href"] == "/"
    assert "newsletter-consent-hint" in page.select_one("#newsletter-consent")["aria-describedby"]


def test_a_signup_records_a_pending_subscriber_with_their_consent(home, client):
    response = sign_up(client, source="/library/")
    assert response.status_code == 302
    assert response["Location"] == "/newsletter/check-your-email/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ann@example.org"
    assert subscriber.name == "Ann Example"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_text == NewsletterSettings.for_site(home.get_site()).consent_text
    assert subscriber.consented_at is not None
    assert subscriber.source_path == "/library/"
    assert queued_confirmations().count() == 1
    # Nothing is sent during the request: the worker sends it.
    assert mail.outbox == []


def test_the_check_your_email_page_says_what_happens_next(home, client):
    page = soup(client.get("/newsletter/check-your-email/"))
    assert page.h1.get_text() == "Check your email"
    assert "7 days" in visible_text(page.main)


def test_signing_up_again_in_any_letter_case_keeps_one_record(home, client):
    sign_up(client, email="ann@example.org")
    sign_up(client, email="ANN@Example.ORG")
    assert Subscriber.objects.count() == 1


def test_a_repeat_signup_looks_the_same_as_a_first_one(home, client):
    first = sign_up(client, email="new@example.org")
    Subscriber.objects.filter(email="new@example.org").update(status="confirmed")
    again = sign_up(client, email="new@example.org")
    assert (first.status_code, first["Location"]) == (again.status_code, again["Location"])
    # A confirmed subscriber is not asked to confirm again.
    assert queued_confirmations().count() == 1


@override_settings(NEWSLETTER_RESEND_AFTER_MINUTES=0)
@pytest.mark.parametrize("status", ["pending", "unsubscribed"])
def test_re_signing_a_pending_or_unsubscribed_address_sends_a_fresh_confirmation(
    home, client, status
):
    sign_up(client)
    Subscriber.objects.update(status=status)
    sign_up(client, email="Ann@example.org", name="")
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.name == "Ann Example"  # an empty name does not erase the old one
    assert queued_confirmations().count() == 2


def test_a_double_click_sends_one_confirmation(home, client):
    sign_up(client)
    sign_up(client)
    assert queued_confirmations().count() == 1


def test_the_honeypot_stores_nothing_and_tells_the_bot_nothing(home, client):
    response = sign_up(client, website="https://spam.example")
    assert response.status_code == 302
    assert response["Location"] == "/newsletter/check-your-email/"
    assert not Subscriber.objects.exists()
    assert not queued_confirmations().exists()


def test_a_source_that_is_not_a_page_of_ours_is_dropped(home, client):
    sign_up(client, source="https://evil.example/")
    assert Subscriber.objects.get().source_path == ""


def test_the_signup_pages_are_never_cached(home, client):
    for response in (client.get("/newsletter/"), sign_up(client)):
        assert "no-store" in response["Cache-Control"]
