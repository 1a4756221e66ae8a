from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from kindness.recurring import RecurringCommand
from newsletter.models import Subscriber


class Command(RecurringCommand):
    help = (
        "Delete newsletter signups nobody confirmed within NEWSLETTER_UNCONFIRMED_DAYS (30). "
        "With --schedule, queue it to run daily on the email worker instead."
    )
    task = "newsletter.tasks.purge_unconfirmed_signups"
    every = {"every_hours": 24}
    schedule_name = "a daily purge of unconfirmed signups"

    def run(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.NEWSLETTER_UNCONFIRMED_DAYS)
        deleted, _ = Subscriber.objects.unconfirmed_since(cutoff).delete()
        if options["verbosity"]:
            self.stdout.write(f"Deleted {deleted} unconfirmed signup{'s' * (deleted != 1)}.")
