from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from staff import two_factor


class Command(BaseCommand):
    help = (
        "Removes a member of staff's authenticator app and recovery codes (a lost or new "
        "phone) and signs them out everywhere: the next time they sign in with their "
        "password, they set up the app again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = two_factor.user_named(username)
        except ObjectDoesNotExist as error:
            raise CommandError(f"There is no user {username!r}.") from error
        removed = two_factor.reset(user)
        if removed:
            self.stdout.write(
                f"Removed {username}'s {' and '.join(removed)} and ended their sessions: "
                "they set up an authenticator app the next time they sign in."
            )
        else:
            self.stdout.write(
                f"{username} had no second factor: they set one up the next time they sign in."
            )
