"""Add a member of staff to the admin as an editor or an approver, without the Django shell.

    python manage.py add_staff ada@example.org --role editor --first-name Ada --last-name Lovelace

A new account has no password: the person is emailed a link to set their own, so no
password passes through a terminal or a chat. Running it again changes the role (an editor
becomes an approver), and for someone who has not yet set a password sends a fresh link.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from staff.roles import EDITORS, MODERATORS

ROLES = {"editor": EDITORS, "approver": MODERATORS}


class Command(BaseCommand):
    help = (
        "Add an editor (writes pages, submits them for approval) or an approver (approves and "
        "publishes, settings, subscribers, downloads report) to the admin, and email them a "
        "link to set their password."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="Their email address, which is also their username.")
        parser.add_argument("--role", choices=sorted(ROLES), required=True)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, email, role, first_name, last_name, **options):
        email = email.strip()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        User = get_user_model()
        with transaction.atomic():
            user = User.objects.filter(email__iexact=email).first()
            created = user is None
            if created:
                if User.objects.filter(username__iexact=email).exists():
                    raise CommandError(f"The username {email} is taken by an account without it.")
                user = User(username=email.lower(), email=email)
                user.set_unusable_password()
            for field, value in {"first_name": first_name, "last_name": last_name}.items():
                if value:
                    setattr(user, field, value)
            user.is_active = True
            user.save()
            user.groups.remove(*Group.objects.filter(name__in=ROLES.values()))
            user.groups.add(Group.objects.get(name=ROLES[role]))

        self.stdout.write(f"{'Added' if created else 'Updated'} {user.email} as an {role}.")
        if user.is_superuser:
            self.stdout.write(
                self.style.WARNING(
                    f"{user.email} is a superuser: they may do anything, and skip approval."
                )
            )
        if not user.has_usable_password():
            send_set_password_email(user, role)
            self.stdout.write(f"Emailed {user.email} a link to set their password.")


def send_set_password_email(user, role):
    """A link to Wagtail's own "set a new password" page, valid PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "role": role,
        "link": settings.WAGTAILADMIN_BASE_URL + path,
        "admin_url": settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_home"),
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    send_mail(
        f"Your account on the {settings.WAGTAIL_SITE_NAME} admin",
        render_to_string("staff/emails/set_password.txt", context),
        None,
        [user.email],
    )
