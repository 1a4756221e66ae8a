"""Finished background tasks' rows are deleted after TASK_RESULTS_KEEP_DAYS, on a schedule."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kindness import recurring
from kindness.tasks import prune_finished_tasks
from newsletter.tasks import purge_unconfirmed_signups


def task_row(status, days_ago):
    result = purge_unconfirmed_signups.enqueue()
    finished = timezone.now() - timedelta(days=days_ago)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=status,
        finished_at=finished if status in ("SUCCESSFUL", "FAILED") else None,
        run_after=finished,
    )
    return result.id


def test_old_finished_rows_go_and_the_rest_stay(home, settings):
    keep = settings.TASK_RESULTS_KEEP_DAYS
    old_done = task_row(TaskResultStatus.SUCCESSFUL, keep + 1)
    old_failed = task_row(TaskResultStatus.FAILED, keep + 1)
    recent = task_row(TaskResultStatus.SUCCESSFUL, keep - 1)
    waiting = task_row(TaskResultStatus.READY, keep + 30)
    running = task_row(TaskResultStatus.RUNNING, keep + 30)
    call_command("prune_finished_tasks", verbosity=0)
    left = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert old_done not in left
    assert old_failed not in left
    assert {recent, waiting, running} <= left


def test_the_pruning_is_queued_daily_once(home):
    call_command("prune_finished_tasks", "--schedule", verbosity=0)
    call_command("prune_finished_tasks", "--schedule", verbosity=0)
    (queued,) = recurring.waiting(prune_finished_tasks)
    assert queued.args_kwargs["kwargs"] == {"every_hours": 24}


def test_a_scheduled_run_prunes_and_queues_the_next(home, settings):
    old = task_row(TaskResultStatus.SUCCESSFUL, settings.TASK_RESULTS_KEEP_DAYS + 1)
    assert prune_finished_tasks.call(every_hours=24) == "1 task rows"
    assert not DBTaskResult.objects.filter(pk=old).exists()
    (queued,) = recurring.waiting(prune_finished_tasks)
    assert queued.run_after > timezone.now() + timedelta(hours=23)
