"""When an event is published, the worker is told to forget its pages when it ends."""

from django.utils import timezone


def schedule_end(instance, **kwargs):
    from events.tasks import forget_ended_event

    if instance.end > timezone.now():
        forget_ended_event.using(run_after=instance.end).enqueue(
            page_id=instance.pk, end=instance.end.isoformat()
        )


def connect_signals():
    from wagtail.signals import page_published

    from events.models import EventPage

    page_published.connect(schedule_end, sender=EventPage, dispatch_uid="events-schedule-end")
