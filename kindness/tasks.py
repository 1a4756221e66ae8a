"""The site's own background work, run by the database-backed worker."""

from datetime import timedelta

from django_tasks import task

from kindness import recurring
from kindness.search import statistics


# The "email" backend is the project's one database-backed queue, the one the worker runs
# (`manage.py db_worker --backend email`); the newsletter's purge runs there too.
@task(backend="email")
def flush_search_statistics(every_minutes=None):
    """Move the searches counted in the cache into the admin's search terms; with
    `every_minutes`, run again after that many minutes."""
    if every_minutes:
        recurring.run_again(
            flush_search_statistics, timedelta(minutes=every_minutes), every_minutes=every_minutes
        )
    written = statistics.flush()
    return f"{written} search terms"


def prune_finished_task_rows(now=None):
    """Delete the rows of tasks, on every queue, that finished more than
    TASK_RESULTS_KEEP_DAYS ago: their arguments and errors may name people. Waiting and
    running tasks stay. Returns how many were deleted."""
    from django.conf import settings
    from django.utils import timezone
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    cutoff = (now or timezone.now()) - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    deleted, _ = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=cutoff,
    ).delete()
    return deleted


@task(backend="email")
def prune_finished_tasks(every_hours=None):
    """Delete old finished task rows; with `every_hours`, run again after that many hours."""
    if every_hours:
        recurring.run_again(
            prune_finished_tasks, timedelta(hours=every_hours), every_hours=every_hours
        )
    deleted = prune_finished_task_rows()
    return f"{deleted} task rows"
