"""The confirmation email, its signed links, and unsubscribing in one click."""

import time
from email import message_from_bytes, policy

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.test import override_settings

from newsletter.models import Subscriber
from newsletter.tasks import send_confirmation
from tests.html import soup
from tests.newsletter.conftest import link_in, path_of, sign_up

WEEK = 7 * 24 * 60 * 60


def heading(response):
    """The page's h1, whatever its status."""
    return BeautifulSoup(response.content, "html.parser").h1.get_text()


def confirmation(client):
    """Sign up, then run the queued task (the worker's job) and return the email it sent."""
    sign_up(client)
    subscriber = Subscriber.objects.get()
    assert send_confirmation.call(subscriber.pk) == "sent"
    (message,) = mail.outbox
    return subscriber, message


def test_the_email_has_plain_text_html_and_one_click_unsubscribe_headers(home, client):
    _subscriber, message = confirmation(client)
    assert message.to == ["ann@example.org"]
    assert "Confirm your subscription" in message.subject
    assert "Hello Ann Example," in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    unsubscribe = link_in(message, "unsubscribe")
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_in(message, "confirm") in html
    assert unsubscribe in html
    # The headers survive into the message as sent.
    sent = message_from_bytes(message.message().as_bytes())
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize(
    ("public_url", "list_id"),
    [
        ("https://www.kindercommunities.example", "<newsletter.www.kindercommunities.example>"),
        ("https://KinderCommunities.example.", "<newsletter.kindercommunities.example>"),
        ("http://127.0.0.1:8000", "<newsletter.localhost>"),
        ("http://[::1]:8000", "<newsletter.localhost>"),
        ("http://localhost:8000", "<newsletter.localhost>"),
    ],
)
def test_the_email_names_its_list_under_the_sites_domain(home, client, public_url, list_id):
    """RFC 2919's List-Id; an address with no domain name uses its `localhost` namespace."""
    with override_settings(BASE_URL=public_url):
        _subscriber, message = confirmation(client)
    # As sent (a long header folded onto two lines), and as a mail client reads it.
    sent = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    assert sent["List-Id"] == f"Kinder Communities newsletter {list_id}"


def test_opening_the_confirm_link_asks_and_leaves_the_subscriber_pending(home, client):
    """A mail scanner that opens every link in the email must not complete the opt-in."""
    subscriber, message = confirmation(client)
    link = path_of(link_in(message, "confirm"))
    page = soup(client.get(link))
    assert page.h1.get_text() == "Confirm your subscription"
    # A plain form posting back to the link: it works without JavaScript.
    form = page.select_one("main form[method=post]")
    assert form.get("action") is None
    assert form.button.get_text() == "Confirm"
    assert form.button["type"] == "submit"
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.confirmed_at is None


def test_pressing_confirm_confirms_and_says_thank_you(home, client):
    subscriber, message = confirmation(client)
    link = path_of(link_in(message, "confirm"))
    response = client.post(link, headers={"Origin": "http://testserver"})
    assert soup(response).h1.get_text() == "Thank you: you are subscribed"
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    # Pressing or following it again is harmless, and says so.
    assert soup(client.post(link)).h1.get_text() == "Thank you: you are subscribed"
    assert soup(client.get(link)).h1.get_text() == "Thank you: you are subscribed"
    assert Subscriber.objects.get().confirmed_at == subscriber.confirmed_at


def test_a_confirmation_posted_from_another_site_is_refused(home, client):
    _subscriber, message = confirmation(client)
    link = path_of(link_in(message, "confirm"))
    response = client.post(
        link, headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "Confirmation refused"
    assert page.select_one(f"main a[href='{link}']")
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_link_older_than_seven_days_has_expired(home, client, monkeypatch):
    sign_up(client)
    subscriber = Subscriber.objects.get()
    sent_at = time.time() - WEEK - 60
    monkeypatch.setattr(signing.time, "time", lambda: sent_at)
    send_confirmation.call(subscriber.pk)
    monkeypatch.undo()
    link = path_of(link_in(mail.outbox[0], "confirm"))
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert heading(response) == "This link has expired"
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_link_that_was_changed_does_not_work(home, client):
    _subscriber, message = confirmation(client)
    link = path_of(link_in(message, "confirm"))
    changed = link.replace(":", "x", 1)
    for response in (client.get(changed), client.post(changed)):
        assert response.status_code == 404
        assert heading(response) == "This link does not work"
    # An unsubscribe link is not a confirm link, nor the other way round.
    unsubscribe_token = path_of(link_in(message, "unsubscribe")).split("/")[3]
    assert client.post(f"/newsletter/confirm/{unsubscribe_token}/").status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_opening_the_unsubscribe_link_asks_and_changes_nothing(home, client):
    _subscriber, message = confirmation(client)
    page = soup(client.get(path_of(link_in(message, "unsubscribe"))))
    assert page.select_one("main form[method=post] button").get_text() == "Unsubscribe"
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_pressing_unsubscribe_unsubscribes_without_a_login(home, client):
    subscriber, message = confirmation(client)
    client.post(path_of(link_in(message, "confirm")))
    response = client.post(path_of(link_in(message, "unsubscribe")))
    assert soup(response).h1.get_text() == "You have unsubscribed"
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_a_mail_clients_one_click_unsubscribe_works(home, client):
    """RFC 8058: the mail provider's server posts this body, with no Origin of ours."""
    _subscriber, message = confirmation(client)
    url = link_in(message, "unsubscribe")
    response = client.post(
        path_of(url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        headers={"Origin": "https://mail.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_an_old_confirm_link_does_not_undo_an_unsubscribe(home, client):
    _subscriber, message = confirmation(client)
    client.post(path_of(link_in(message, "unsubscribe")))
    confirm = path_of(link_in(message, "confirm"))
    assert client.get(confirm).status_code == 410
    response = client.post(confirm)
    assert response.status_code == 410
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_no_email_for_someone_who_confirmed_or_left_meanwhile(home, client):
    sign_up(client)
    subscriber = Subscriber.objects.get()
    subscriber.unsubscribe()
    assert send_confirmation.call(subscriber.pk) != "sent"
    assert mail.outbox == []
