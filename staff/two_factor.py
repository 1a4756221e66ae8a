"""Two-factor sign-in to the admin, on django-otp's devices.

Everyone who can use the admin has an authenticator app (a TOTP device) and a set of
recovery codes (a static device, each code good once). Signing in takes the password, on
Wagtail's own sign-in page, then a code from either, on this app's (staff/views.py);
staff/middleware.py lets no one into the admin between the two.
"""

import math
from base64 import b32encode

import segno
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
RECOVERY_CODES = 10


def needs_second_factor(user):
    """Whoever can use the admin signs in with a second factor."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def new_authenticator(user):
    """The authenticator being set up: the same one (and key) until its first code is given,
    so reloading the page does not undo a scan."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret(device):
    """The authenticator's key as people type it into an app: base32, in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device):
    """The key as a QR code for the app to scan, an inline SVG (no script, no request)."""
    return segno.make(device.config_url, error="m").svg_inline(
        dark="#000", light="#fff", omitsize=True
    )


def normalise(code):
    return "".join(code.split()).replace("-", "").lower()


def is_authenticator_code(code):
    return len(code) == 6 and code.isdigit()


def confirm(device, code):
    """The first code from a new authenticator: if it works, the device is kept. As
    `verify`, the device (or None) and when it can be tried again after wrong codes."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, details = device.verify_is_allowed()
        if not allowed:
            return None, (details or {}).get("locked_until")
        if not device.verify_token(normalise(code)):
            return None, None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return device, None


def new_recovery_codes(user):
    """Ten new recovery codes, replacing any the user had; the codes, to show once."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": RECOVERY_CODES_NAME}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def verify(user, code):
    """The confirmed device that accepts this code, or None; and, when the device asked
    cannot be tried yet after wrong codes, the time it can (django-otp's own throttle,
    which doubles the wait after each wrong code and survives signing out)."""
    code = normalise(code)
    model = TOTPDevice if is_authenticator_code(code) else StaticDevice
    with transaction.atomic():
        for device in model.objects.devices_for_user(user).select_for_update():
            allowed, details = device.verify_is_allowed()
            if not allowed:
                return None, (details or {}).get("locked_until")
            # StaticDevice deletes the recovery code it accepts: each works once.
            if device.verify_token(code):
                return device, None
    return None, None


def wait_message(moment):
    """Why a code was not even tried: django-otp's throttle, in words."""
    seconds = max(1, math.ceil((moment - timezone.now()).total_seconds()))
    return (
        f"Too many wrong codes in a row: wait {seconds} second{pluralize(seconds)}, then try again."
    )


def reset(user):
    """Remove the user's authenticator and recovery codes and end their sessions, so they
    set up a new authenticator the next time they sign in with their password.

    The sessions go too: one that had given its second factor would otherwise be sent to
    set up a device, which whoever holds it could then do."""
    with transaction.atomic():
        removed = [str(device) for device in devices_for_user(user, confirmed=None)]
        for model in (TOTPDevice, StaticDevice):
            model.objects.filter(user=user).delete()
        user_id = str(user.pk)
        Session.objects.filter(
            pk__in=[
                session.pk
                for session in Session.objects.filter(expire_date__gt=timezone.now())
                if session.get_decoded().get("_auth_user_id") == user_id
            ]
        ).delete()
    return removed


def user_named(username):
    User = get_user_model()
    return User.objects.get(**{User.USERNAME_FIELD: username})
