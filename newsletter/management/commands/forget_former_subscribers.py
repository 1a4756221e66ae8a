from django.conf import settings

from kindness.recurring import RecurringCommand
from newsletter.retention import forget_departed


class Command(RecurringCommand):
    help = (
        "Replace subscribers who unsubscribed or bounced more than NEWSLETTER_FORGET_AFTER_DAYS "
        "ago by keyed hashes of their address. With --schedule, queue it to run daily on the "
        "email worker instead."
    )
    task = "newsletter.tasks.forget_former_subscribers"
    every = {"every_hours": 24}
    schedule_name = "a daily forgetting of former subscribers"

    def run(self, *args, **options):
        forgotten = forget_departed()
        if options["verbosity"]:
            self.stdout.write(
                f"Forgot {forgotten} former subscriber{'s' * (forgotten != 1)} "
                f"(left over {settings.NEWSLETTER_FORGET_AFTER_DAYS} days ago)."
            )
