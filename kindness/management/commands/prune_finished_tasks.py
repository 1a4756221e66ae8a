from django.conf import settings

from kindness.recurring import RecurringCommand
from kindness.tasks import prune_finished_task_rows


class Command(RecurringCommand):
    help = (
        "Delete the rows of background tasks that finished (done or failed) more than "
        "TASK_RESULTS_KEEP_DAYS ago. With --schedule, queue it to run daily on the email "
        "worker instead."
    )
    task = "kindness.tasks.prune_finished_tasks"
    every = {"every_hours": 24}
    schedule_name = "a daily pruning of finished tasks"

    def run(self, *args, **options):
        deleted = prune_finished_task_rows()
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {deleted} finished task{'s' * (deleted != 1)} older than "
                f"{settings.TASK_RESULTS_KEEP_DAYS} days."
            )
