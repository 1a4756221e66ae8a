"""Staff's background work, run by the email worker (`manage.py db_worker --backend email`)."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django_tasks import task


@task(backend="email")
def publish_scheduled(every_seconds=None):
    """Publish the pages whose go-live time has come and unpublish the expired ones
    (Wagtail's `publish_scheduled`); with `every_seconds`, run again after that long.

    The next run is queued first, so a failure here never stops the schedule; and only
    when none is queued already, so a schedule queued twice runs once a minute all the same.
    """
    if every_seconds and not queued_runs().exists():
        publish_scheduled.using(
            run_after=timezone.now() + timedelta(seconds=every_seconds)
        ).enqueue(every_seconds=every_seconds)
    call_command("publish_scheduled", verbosity=0)


def queued_runs():
    """The runs waiting, due or not (the queryset's `ready()` leaves out those not yet due)."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=publish_scheduled.module_path
    )
