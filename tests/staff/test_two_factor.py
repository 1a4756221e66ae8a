"""Two-factor sign-in to the admin: a password, then a code from an authenticator app or a
recovery code (staff/two_factor.py)."""

from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page

from tests.conftest import EDITOR_PASSWORD, EDITOR_USERNAME
from tests.html import soup, visible_text
from tests.two_factor import (
    ENROL,
    VERIFY,
    authenticator_code,
    code_from_key,
    give_authenticator,
    sign_in_to_admin,
)

ADDRESS = "203.0.113.7"
# Where someone part-way through signing in may go in the admin: these steps, the way out,
# and the translations the admin's scripts load.
SIGN_IN_STEPS = {
    "admin/login/",
    "admin/logout/",
    "admin/two-factor/",
    "admin/two-factor/set-up/",
    "admin/jsi18n/",
    "admin/sprite/",
}


def sign_in_with_password(client, username=EDITOR_USERNAME, password=EDITOR_PASSWORD):
    response = client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 302, response.status_code
    return response


def give_code(client, code, next_url="/admin/"):
    return client.post(VERIFY, {"code": code, "next": next_url}, REMOTE_ADDR=ADDRESS)


def soup_any(response):
    """The parsed page, whatever its status."""
    return BeautifulSoup(response.content, "html.parser")


def error_text(response):
    """The error shown above the form, as on Wagtail's sign-in page."""
    return visible_text(soup(response).select_one(".messages li.error"))


def add_recovery_codes(user, *codes):
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    for code in codes:
        device.token_set.create(token=code)
    return device


@pytest.fixture
def page_editor(db, django_user_model):
    """A member of Wagtail's Editors group: no superuser, no second factor yet."""
    user = django_user_model.objects.create_user("page-editor", "pe@example.org", "pe-password")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def admin_paths():
    """Every admin address that takes no argument, from the URL configuration itself."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif route.startswith("admin/") and not set(route) & set("<>^$()[]?*+\\"):
                yield route

    return sorted(set(walk(get_resolver().url_patterns, "")) - SIGN_IN_STEPS)


def test_a_password_alone_reaches_no_admin_page(demo, client, editor_account):
    client.force_login(editor_account)
    paths = [*admin_paths(), f"admin/pages/{demo.pk}/edit/", f"admin/pages/{demo.pk}/"]
    assert len(paths) > 50
    for path in paths:
        response = client.get(f"/{path}")
        assert response.status_code == 302, path
        assert response["Location"] == f"{VERIFY}?next=/{path}", path
    # Nor a change sent straight to a form.
    response = client.post(f"/admin/pages/{demo.pk}/edit/", {"title": "Changed"})
    assert response["Location"].startswith(VERIFY)
    assert Page.objects.get(pk=demo.pk).title != "Changed"


def test_outside_the_admin_a_password_alone_counts_as_signed_out(demo, client, editor_account):
    # A signed-in editor sees Wagtail's userbar on the site's pages ...
    sign_in_to_admin(client, editor_account)
    assert soup(client.get("/")).select_one("wagtail-userbar")
    # ... a password alone does not: the session is treated as nobody's there.
    password_only = Client()
    password_only.force_login(editor_account)
    assert not soup(password_only.get("/")).select_one("wagtail-userbar")


def test_an_editor_without_an_authenticator_must_set_one_up_first(client, page_editor):
    sign_in_with_password(client, "page-editor", "pe-password")
    response = client.get("/admin/")
    assert response["Location"] == f"{ENROL}?next=/admin/"
    response = client.get(response["Location"])
    page = soup(response)
    assert visible_text(page.h1) == "Set up two-factor sign-in"
    # A QR code drawn in the page (no script, no request elsewhere) and the key to type.
    assert page.select_one('[role=img][aria-label^="QR code"] svg path')
    key = visible_text(page.select_one("[data-secret]"))
    assert len(key.replace(" ", "")) == 32
    # The key stays the same while the page is reloaded, so a scan is not undone.
    assert visible_text(soup(client.get(ENROL)).select_one("[data-secret]")) == key

    # The clock stands still meanwhile: a slow machine must not outwait the throttle.
    with time_machine.travel(timezone.now(), tick=False) as clock:
        response = client.post(ENROL, {"code": "000000", "next": "/admin/"})
        assert "That code did not work" in error_text(response)
        assert client.get("/admin/").status_code == 302
        # After a wrong code the next waits a moment (django-otp's throttle), and says so.
        response = client.post(ENROL, {"code": code_from_key(key), "next": "/admin/"})
        assert error_text(response) == (
            "Too many wrong codes in a row: wait 1 second, then try again."
        )
        clock.shift(1)
        response = client.post(ENROL, {"code": code_from_key(key), "next": "/admin/"})
    page = soup(response)
    assert visible_text(page.h1) == "Two-factor sign-in is on"
    codes = [visible_text(item) for item in page.select("[data-recovery-codes] li")]
    assert len(set(codes)) == 10
    assert page.select_one("main a.button")["href"] == "/admin/"
    assert TOTPDevice.objects.get(user=page_editor).confirmed
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes)
    # Signed in with both factors now.
    assert client.get("/admin/").status_code == 200


def test_a_password_alone_cannot_add_an_authenticator_to_an_account_that_has_one(
    client, editor_account
):
    sign_in_with_password(client)
    response = client.get(f"{ENROL}?next=/admin/documents/")
    assert response["Location"] == f"{VERIFY}?next=/admin/documents/"
    assert client.post(ENROL, {"code": "123456"})["Location"] == VERIFY
    assert TOTPDevice.objects.filter(user=editor_account).count() == 1


def test_an_editor_signs_in_with_a_code_from_the_app(client, editor_account):
    sign_in_with_password(client)
    response = client.get("/admin/documents/")
    assert response["Location"] == f"{VERIFY}?next=/admin/documents/"
    page = soup(client.get(response["Location"]))
    assert visible_text(page.h1) == "Enter a code"
    assert page.select_one("input[name=next]")["value"] == "/admin/documents/"
    assert page.select_one("input[name=code]")["autocomplete"] == "one-time-code"

    response = give_code(
        client, authenticator_code(editor_account.totpdevice_set.get()), "/admin/documents/"
    )
    assert response["Location"] == "/admin/documents/"
    assert client.get("/admin/documents/").status_code == 200
    assert not AccessAttempt.objects.exists()


def test_a_code_works_once(client, editor_account):
    device = editor_account.totpdevice_set.get()
    code = authenticator_code(device)
    sign_in_with_password(client)
    assert give_code(client, code).status_code == 302
    client.post("/admin/logout/")
    sign_in_with_password(client)
    response = give_code(client, code)
    assert "That code did not work" in error_text(response)


def test_a_recovery_code_signs_in_once(client, editor_account):
    add_recovery_codes(editor_account, "abcd2345", "efgh6723")
    sign_in_with_password(client)
    # Typed as people type them: capitals, a space.
    response = give_code(client, "ABCD 2345")
    assert response["Location"] == "/admin/"
    dashboard = visible_text(soup(client.get("/admin/")).select_one(".messages"))
    assert "You signed in with a recovery code, which will not work again; 1 left." in dashboard
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["efgh6723"]

    client.post("/admin/logout/")
    sign_in_with_password(client)
    response = give_code(client, "abcd2345")
    assert "That code did not work" in error_text(response)
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_a_wrong_code_is_refused_and_counts_as_a_failed_sign_in(client, editor_account):
    sign_in_with_password(client)
    # The clock stands still: a slow machine must not outwait the throttle below.
    with time_machine.travel(timezone.now(), tick=False):
        response = give_code(client, "000000")
        assert response.status_code == 200
        assert error_text(response) == "That code did not work. Check it and try again."
        assert client.get("/admin/")["Location"].startswith(VERIFY)
        assert AccessAttempt.objects.get(username=EDITOR_USERNAME).failures_since_start == 1
        # Each wrong code makes the app's codes wait longer (django-otp's throttle), the
        # right one included, however often the password is given again.
        client.post("/admin/logout/")
        sign_in_with_password(client)
        response = give_code(client, authenticator_code(editor_account.totpdevice_set.get()))
        assert "Too many wrong codes in a row: wait" in error_text(response)


def test_five_wrong_codes_lock_out_the_account_from_that_address(client, editor_account):
    sign_in_with_password(client)
    for attempt in range(4):
        assert give_code(client, f"00000{attempt}").status_code == 200
    response = give_code(client, "000009")
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert visible_text(soup_any(response).h1) == "Sign-in paused"
    # Signed out, and the password no longer signs in either.
    assert "_auth_user_id" not in client.session
    response = client.post(
        "/admin/login/",
        {"username": EDITOR_USERNAME, "password": EDITOR_PASSWORD},
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 429


def test_a_session_part_way_through_a_lock_out_cannot_keep_trying(client, editor_account):
    sign_in_with_password(client)
    other = Client()
    sign_in_with_password(other)
    for attempt in range(5):
        give_code(other, f"11111{attempt}")
    # The first session is still signed in with its password, but gets no more tries, not
    # even with a right recovery code (which the app's codes' wait does not hold back).
    add_recovery_codes(editor_account, "abcd2345")
    response = give_code(client, "abcd2345")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_next_address_stays_on_the_site(client, editor_account):
    sign_in_with_password(client)
    response = give_code(
        client, authenticator_code(editor_account.totpdevice_set.get()), "https://evil.example/"
    )
    assert response["Location"] == "/admin/"


def test_an_editor_makes_new_recovery_codes(client, editor_account):
    add_recovery_codes(editor_account, "abcd2345")
    sign_in_to_admin(client, editor_account)
    page = soup(client.get("/admin/two-factor/recovery-codes/"))
    assert visible_text(page.select_one("[data-codes-left]")) == "1"
    # Reached from the account page.
    account = soup(client.get("/admin/account/"))
    assert account.select_one('a[href="/admin/two-factor/recovery-codes/"]')

    page = soup(client.post("/admin/two-factor/recovery-codes/"))
    codes = [visible_text(item) for item in page.select("[data-recovery-codes] li")]
    assert len(codes) == 10
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes)


def test_an_administrator_resets_a_lost_authenticator(client, editor_account):
    add_recovery_codes(editor_account, "abcd2345")
    sign_in_to_admin(client, editor_account)
    assert client.get("/admin/").status_code == 200

    out = StringIO()
    call_command("reset_two_factor", EDITOR_USERNAME, stdout=out)
    assert "ended their sessions" in out.getvalue()
    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()
    # Signed out everywhere: a session that had given a code cannot set up a new device.
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    # The password then leads to setting up the app again.
    sign_in_with_password(client)
    assert client.get("/admin/")["Location"] == f"{ENROL}?next=/admin/"


def test_resetting_an_unknown_user_says_so(db):
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("reset_two_factor", "nobody", stdout=StringIO())


def test_the_sign_in_steps_are_sent_with_the_admins_policy(client, editor_account):
    sign_in_with_password(client)
    response = client.get(VERIFY)
    assert "form-action 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "no-cache" in response["Cache-Control"]


def test_the_test_helper_gives_a_session_both_factors(client, editor_account):
    sign_in_to_admin(client, editor_account)
    assert client.get("/admin/").status_code == 200
    give_authenticator(editor_account)
    assert TOTPDevice.objects.count() == 1
