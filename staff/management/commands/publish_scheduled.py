"""Wagtail's `publish_scheduled`, with `--schedule` to queue it every minute on the worker."""

from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

from kindness.recurring import RecurringCommand


class Command(RecurringCommand, WagtailCommand):
    help = (
        "Publish pages whose go-live time has come and unpublish expired ones. With "
        "--schedule, queue it to run every minute on the email worker instead."
    )
    task = "staff.tasks.publish_scheduled"
    # How often the worker publishes and unpublishes what is scheduled.
    every = {"every_seconds": 60}
    schedule_name = "the publishing of scheduled pages every minute"

    def run(self, *args, **options):
        return WagtailCommand.handle(self, *args, **options)
