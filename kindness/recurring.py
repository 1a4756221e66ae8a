"""Work the worker repeats on a schedule: queued once, however often it is scheduled.

A recurring task queues its own next run. Scheduling it (at every start of `make run`, every
release) must not add a second chain beside the one already waiting, and the run that waits
is usually not yet due, so "waiting" means queued and not yet run, whenever it is due.
"""

from datetime import timedelta

from django.utils import timezone


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
    """Queue the next run of `task`, `after` from now."""
    task.using(run_after=timezone.now() + after).enqueue(**kwargs)
