"""Staff's background work, run by the email worker (`manage.py db_worker --backend email`)."""

from datetime import timedelta

from django.core.management import call_command
from django_tasks import task

from kindness import recurring


@task(backend="email")
def publish_scheduled(every_seconds=None):
    """Publish the pages whose go-live time has come and unpublish the expired ones
    (Wagtail's `publish_scheduled`); with `every_seconds`, run again after that long."""
    if every_seconds:
        recurring.run_again(
            publish_scheduled, timedelta(seconds=every_seconds), every_seconds=every_seconds
        )
    call_command("publish_scheduled", verbosity=0)
