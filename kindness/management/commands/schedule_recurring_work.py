from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import BaseCommand

from kindness.recurring import RecurringCommand


class Command(BaseCommand):
    help = (
        "Queue every app's recurring work on the email worker: each command built on "
        "kindness.recurring.RecurringCommand, run with --schedule. Work already queued is "
        "left as it is, so run it at every start and every release."
    )

    def handle(self, *args, **options):
        for name, app in sorted(get_commands().items()):
            if app == "django.core":
                continue
            command = load_command_class(app, name)
            if isinstance(command, RecurringCommand):
                call_command(command, schedule=True, stdout=self.stdout)
