"""Signing in to the admin with a second factor, for tests (staff/two_factor.py).

Codes are made as the phone's app would make them, with django-otp's own TOTP, from the
device's key (or from the key the set-up page shows)."""

import time
from base64 import b32decode

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

VERIFY = "/admin/two-factor/"
ENROL = "/admin/two-factor/set-up/"


def give_authenticator(user):
    """The user's authenticator app, set up (confirmed)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Authenticator app"}
    )
    return device


def code_from_key(key, when=None):
    """The code an app shows for this key (base32, as on the set-up page)."""
    totp = TOTP(b32decode(key.replace(" ", "")))
    totp.time = time.time() if when is None else when
    return f"{totp.token():06d}"


def authenticator_code(device):
    """The code the user's app shows now; or, if the site has just taken that one (each
    works once), the next step's, which the site accepts early."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = time.time()
    totp.time = now
    while device.last_t >= totp.t() + device.tolerance:
        # Two sign-ins within one step already: wait for the next.
        time.sleep(1)
        now = time.time()
        totp.time = now
    steps_ahead = max(0, device.last_t + 1 - totp.t())
    totp.time = now + steps_ahead * device.step
    return f"{totp.token():06d}"


def sign_in_to_admin(client, user):
    """The test client, signed in as `user` with both factors: their password's session
    (force_login, as django-axes needs a request for client.login()) and their
    authenticator, as the second step leaves the session."""
    device = give_authenticator(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def sign_in_in_browser(page, username, password, device):
    """Through the admin's sign-in page and the code step, in a Playwright page."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{VERIFY}**")
    page.get_by_label("Code").fill(authenticator_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/admin/")
