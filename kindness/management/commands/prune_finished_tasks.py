from django.conf import settings
from django.core.management.base import BaseCommand

from kindness.tasks import prune_finished_task_rows


class Command(BaseCommand):
    help = (
        "Delete the rows of background tasks that finished (done or failed) more than "
        "TASK_RESULTS_KEEP_DAYS ago. With --schedule, queue it to run daily on the email "
        "worker instead."
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
        deleted = prune_finished_task_rows()
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {deleted} finished task{'s' * (deleted != 1)} older than "
                f"{settings.TASK_RESULTS_KEEP_DAYS} days."
            )

    def schedule(self):
        from kindness import recurring
        from kindness.tasks import prune_finished_tasks

        if recurring.schedule(prune_finished_tasks, every_hours=24):
            self.stdout.write("Queued a daily pruning of finished tasks.")
        else:
            self.stdout.write("A daily pruning of finished tasks is already queued.")
