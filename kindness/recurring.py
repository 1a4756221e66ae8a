"""Work the worker repeats on a schedule: queued once, however often it is scheduled.

A recurring task queues its own next run. Scheduling it (at every start of `make run`, every
release) must not add a second chain beside the one already waiting, and the run that waits
is usually not yet due, so "waiting" means queued and not yet run, whenever it is due.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import capfirst


def waiting(task):
    """The runs of `task` queued and not yet started, due or not."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=task.module_path)


def schedule(task, **kwargs):
    """Queue `task` now unless a run of it is already waiting; whether it was queued."""
    if waiting(task).exists():
        return False
    task.enqueue(**kwargs)
    return True


def run_again(task, after: timedelta, **kwargs):
    """Queue the next run of `task`, `after` from now, unless one is waiting already.

    A recurring task calls this first, before its work: so a failure in the work never
    stops the schedule, and a schedule queued twice still runs once each period."""
    if not waiting(task).exists():
        task.using(run_after=timezone.now() + after).enqueue(**kwargs)


class RecurringCommand(BaseCommand):
    """A command that does its work now or, with --schedule, queues its task on the email
    worker, which then repeats it (each run queues the next).

    A subclass names the task, how often it runs (the task's keyword argument), what the
    schedule is called, and does the work itself in `run`. `manage.py
    schedule_recurring_work` finds every such command, in every app, and schedules it."""

    task = ""  # dotted path of the task that does the work on the worker
    every: dict = {}  # e.g. {"every_hours": 24}
    schedule_name = ""  # e.g. "a daily purge of unconfirmed signups"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=f"Queue {self.schedule_name} on the worker, unless one is already queued.",
        )

    def handle(self, *args, **options):
        if not options.pop("schedule"):
            return self.run(*args, **options)
        if schedule(import_string(self.task), **self.every):
            self.stdout.write(f"Queued {self.schedule_name}.")
        else:
            self.stdout.write(f"{capfirst(self.schedule_name)} is already queued.")

    def run(self, *args, **options):
        raise NotImplementedError
