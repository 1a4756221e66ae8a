"""Recurring work is queued once: scheduling it again, at every start or release, adds no
second run beside the one the worker queued for later."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.servers import run_email_worker

# Each command that `make run`, the worker's start and the release step call with --schedule.
SCHEDULED = [
    "publish_scheduled",
    "purge_unconfirmed_signups",
    "flush_search_statistics",
    "forget_former_subscribers",
    "prune_finished_tasks",
]


def waiting(command):
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path__endswith=f".{command}"
    )


# The worker closes its connection when done, so the rows must be committed.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("command", SCHEDULED)
def test_scheduling_again_after_a_run_queues_no_second_run(command):
    call_command(command, "--schedule", stdout=StringIO())
    assert waiting(command).count() == 1

    # The worker runs it, and it queues its own next run for later: not due yet.
    run_email_worker()
    [next_run] = waiting(command)
    assert next_run.run_after is not None
    assert DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL, task_path=next_run.task_path
    ).exists()

    # The next start of the site schedules it again.
    out = StringIO()
    call_command(command, "--schedule", stdout=out)
    assert list(waiting(command)) == [next_run]
    assert "already queued" in out.getvalue()


@pytest.mark.django_db
def test_one_command_queues_every_apps_recurring_work_once():
    out = StringIO()
    call_command("schedule_recurring_work", stdout=out)
    for command in SCHEDULED:
        assert waiting(command).count() == 1, command
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == len(SCHEDULED)

    call_command("schedule_recurring_work", stdout=out)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == len(SCHEDULED)
    assert out.getvalue().count("already queued") == len(SCHEDULED)
