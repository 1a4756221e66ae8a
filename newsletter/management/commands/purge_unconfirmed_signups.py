from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter.models import Subscriber


class Command(BaseCommand):
    help = (
        "Delete newsletter signups nobody confirmed within NEWSLETTER_UNCONFIRMED_DAYS (30). "
        "With --schedule, queue it to run daily on the email worker instead."
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
        cutoff = timezone.now() - timedelta(days=settings.NEWSLETTER_UNCONFIRMED_DAYS)
        deleted, _ = Subscriber.objects.unconfirmed_since(cutoff).delete()
        if options["verbosity"]:
            self.stdout.write(f"Deleted {deleted} unconfirmed signup{'s' * (deleted != 1)}.")

    def schedule(self):
        from kindness import recurring
        from newsletter.tasks import purge_unconfirmed_signups

        if recurring.schedule(purge_unconfirmed_signups, every_hours=24):
            self.stdout.write("Queued a daily purge of unconfirmed signups.")
        else:
            self.stdout.write("A daily purge is already queued.")
