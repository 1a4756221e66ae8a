"""Repeated failed admin logins lock that username, from that address, for 15 minutes."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.utils import timezone

from tests.conftest import EDITOR_PASSWORD, staff_member
from tests.html import visible_text
from tests.quality.conftest import parse
from tests.two_factor import sign_in_to_admin

LOGIN = "/admin/login/"


def log_in(client, password, username="editor", address="203.0.113.7"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, secure=True
    )


def fail_five_times(client, **kwargs):
    for attempt in range(5):
        response = log_in(client, f"wrong-{attempt}", **kwargs)
    return response


def test_four_failures_leave_the_form_with_its_usual_message(editor_account, client):
    for attempt in range(4):
        response = log_in(client, f"wrong-{attempt}")
        assert response.status_code == 200
        assert "Your username and password didn't match" in visible_text(parse(response))
    assert log_in(client, EDITOR_PASSWORD).status_code == 302


def test_the_fifth_failure_locks_out_even_the_right_password(editor_account, client):
    response = fail_five_times(client)
    assert response.status_code == 429
    response = log_in(client, EDITOR_PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_the_lock_out_page_says_what_happened_and_when_to_try_again(editor_account, client):
    response = fail_five_times(client)
    html = parse(response)
    assert visible_text(html.h1) == "Sign-in paused"
    text = visible_text(html.find("main"))
    assert "5 failed attempts to sign in" in text
    assert "try again in 15 minutes" in text
    # The page is in the site's own design, with its header, footer and stylesheets.
    assert html.select_one("header")
    assert html.select_one("footer")
    assert html.select('link[rel="stylesheet"]')


def test_the_lock_is_for_that_username_from_that_address_only(editor_account, client):
    # Another editor, signing in from the same address.
    staff_member("other", "other-pw", "Editors")
    fail_five_times(client)
    assert log_in(client, "other-pw", username="other").status_code == 302
    client.logout()
    assert log_in(client, EDITOR_PASSWORD, address="198.51.100.9").status_code == 302


def test_the_lock_lifts_after_15_minutes(editor_account, client):
    fail_five_times(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, EDITOR_PASSWORD).status_code == 302


def test_a_successful_login_clears_the_count(editor_account, client):
    for attempt in range(4):
        log_in(client, f"wrong-{attempt}")
    assert log_in(client, EDITOR_PASSWORD).status_code == 302
    client.logout()
    for attempt in range(4):
        assert log_in(client, f"again-{attempt}").status_code == 200


def test_tests_sign_in_with_both_factors_without_the_sign_in_pages(editor_account, client):
    sign_in_to_admin(client, editor_account)
    assert client.get("/admin/").status_code == 200


def test_behind_a_tls_proxy_the_address_the_proxy_saw_is_the_one_locked(
    editor_account, client, settings
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    def via_proxy(password, forwarded_for):
        return client.post(
            LOGIN,
            {"username": "editor", "password": password},
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=forwarded_for,
            HTTP_X_FORWARDED_PROTO="https",
        )

    # A client cannot dodge the lock by sending its own X-Forwarded-For: the proxy appends
    # the address it saw, and that last one is what counts.
    for attempt in range(5):
        response = via_proxy(f"wrong-{attempt}", f"192.0.2.{attempt}, 203.0.113.7")
    assert response.status_code == 429
    assert via_proxy(EDITOR_PASSWORD, "203.0.113.7").status_code == 429
    # Someone else behind the same proxy can still sign in.
    assert via_proxy(EDITOR_PASSWORD, "198.51.100.9").status_code == 302
