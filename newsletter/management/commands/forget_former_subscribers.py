from django.conf import settings
from django.core.management.base import BaseCommand

from newsletter.retention import forget_departed


class Command(BaseCommand):
    help = (
        "Replace subscribers who unsubscribed or bounced more than NEWSLETTER_FORGET_AFTER_DAYS "
        "ago by keyed hashes of their address. With --schedule, queue it to run daily on the "
        "email worker instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue a daily run on the worker, unless one is already queued.",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            self.schedule()
            return
        forgotten = forget_departed()
        if options["verbosity"]:
            self.stdout.write(
                f"Forgot {forgotten} former subscriber{'s' * (forgotten != 1)} "
                f"(left over {settings.NEWSLETTER_FORGET_AFTER_DAYS} days ago)."
            )

    def schedule(self):
        from kindness import recurring
        from newsletter.tasks import forget_former_subscribers

        if recurring.schedule(forget_former_subscribers, every_hours=24):
            self.stdout.write("Queued a daily forgetting of former subscribers.")
        else:
            self.stdout.write("A daily forgetting of former subscribers is already queued.")
