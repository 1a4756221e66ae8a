"""Wagtail's `publish_scheduled`, with `--schedule` to queue it every minute on the worker."""

from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

# How often the worker publishes and unpublishes what is scheduled.
EVERY_SECONDS = 60


class Command(WagtailCommand):
    help = (
        "Publish pages whose go-live time has come and unpublish expired ones. With "
        "--schedule, queue it to run every minute on the email worker instead."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue a run every minute on the worker, unless one is already queued.",
        )

    def handle(self, *args, schedule=False, **options):
        if not schedule:
            return super().handle(*args, **options)
        from kindness import recurring
        from staff.tasks import publish_scheduled

        if recurring.schedule(publish_scheduled, every_seconds=EVERY_SECONDS):
            self.stdout.write("Queued scheduled publishing, every minute.")
        else:
            self.stdout.write("Scheduled publishing is already queued.")
