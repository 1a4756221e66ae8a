"""An event moves from "upcoming" to "past" by itself at the second it ends, with the page
cache on: no editor does anything, and no cached page keeps it under "upcoming".

The clock is moved with time-machine, which the page cache's expiry (the in-memory cache's
clock) follows too. Every page that shows the event as upcoming says when it will change
(`delivery.page_cache.fresh_until`); and the worker, at the end, has the page cache and
nginx forget those pages (events/tasks.py). nginx's part is in test_front_cache.py.
"""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from events.tasks import forget_ended_event
from programme.models import StrandPage
from tests.events.factories import EventPageFactory, publish

TITLE = "Kindness Leadership Network: the meeting that ends"


def upcoming_titles(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    section = html.select_one('[aria-labelledby="upcoming-heading"], .upcoming-events')
    cards = section.select(".event-card .card__title") if section else []
    return response["X-Cache"], [card.get_text(strip=True) for card in cards]


def past_titles(client):
    response = client.get("/events/past/")
    html = BeautifulSoup(response.content, "html.parser")
    return response["X-Cache"], [c.get_text(strip=True) for c in html.select(".card__title")]


@pytest.fixture
def ending(events_index):
    """An event of the demo's first strand ending at a whole second an hour from now,
    published as an editor publishes it."""
    end = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    strand = StrandPage.objects.live().order_by("path").first()
    event = EventPageFactory(
        parent=events_index, title=TITLE, start=end - timedelta(hours=2), end=end, strands=[strand]
    )
    return publish(event), strand


def run_ready_tasks():
    """Run the email queue's tasks that are due, as the worker does."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="email",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    results = []
    while task := DBTaskResult.objects.ready().filter(backend_name="email").first():
        task.claim("tests")
        with TestCase.captureOnCommitCallbacks(execute=True):
            worker.run_task(task)
        task.refresh_from_db()
        assert task.status == TaskResultStatus.SUCCESSFUL, task.traceback
        results.append(task.return_value)
    return results


@override_settings(PAGE_CACHE_SECONDS=3600)
def test_an_event_moves_to_the_past_at_the_second_it_ends_through_the_page_cache(ending, client):
    event, strand = ending
    lists = ["/events/", "/", strand.url]
    with time_machine.travel(event.end - timedelta(minutes=10), tick=False) as clock:
        for path in lists:
            assert upcoming_titles(client, path) == ("miss", [TITLE]), path
        assert past_titles(client) == ("miss", [])
        event_page = client.get(event.url)
        assert b"This event has ended." not in event_page.content

        clock.move_to(event.end - timedelta(seconds=1))
        # Still upcoming, and served from the cache: the cache works until the last second.
        for path in lists:
            assert upcoming_titles(client, path) == ("hit", [TITLE]), path
        assert past_titles(client) == ("hit", [])

        clock.move_to(event.end)
        for path in lists:
            assert upcoming_titles(client, path) == ("miss", []), path
        assert past_titles(client) == ("miss", [TITLE])
        event_page = client.get(event.url)
        assert event_page["X-Cache"] == "miss"
        assert b"This event has ended." in event_page.content


@override_settings(PAGE_CACHE_SECONDS=3600)
def test_browsers_and_nginx_are_told_to_keep_no_copy_past_the_end(ending, client):
    event, _ = ending
    paths = ("/events/", "/", event.url, "/events/past/", "/events/calendar/")
    with time_machine.travel(event.end - timedelta(hours=1), tick=False) as clock:
        # Far from the end: the usual life, and served stale while it is fetched again.
        for path in paths:
            assert client.get(path)["Cache-Control"] == (
                "public, max-age=60, stale-while-revalidate=300"
            ), path
        # Near it, what the page cache stored an hour ago is sent with the time left.
        clock.move_to(event.end - timedelta(seconds=25))
        for path in paths:
            response = client.get(path)
            assert (response["X-Cache"], response["Cache-Control"]) == (
                "hit",
                "public, max-age=25",
            ), path


@override_settings(PAGE_CACHE_SECONDS=3600)
def test_publishing_an_event_has_the_worker_forget_its_pages_when_it_ends(ending, client):
    event, strand = ending
    (queued,) = DBTaskResult.objects.filter(task_path=forget_ended_event.module_path)
    assert queued.run_after == event.end
    assert queued.args_kwargs["kwargs"]["page_id"] == event.pk

    calendar_file = f"{event.url}calendar/"
    with time_machine.travel(event.end - timedelta(minutes=1), tick=False) as clock:
        # Not due yet: nothing runs.
        assert run_ready_tasks() == []
        # The event's calendar file does not change at the end, so it says nothing of when
        # it goes stale: only the worker's forgetting takes it out of the cache.
        client.get(calendar_file)
        assert client.get(calendar_file)["X-Cache"] == "hit"
        clock.move_to(event.end + timedelta(seconds=1))
        assert client.get(calendar_file)["X-Cache"] == "hit"
        assert run_ready_tasks() == [f"forgot the pages of {TITLE!r}"]
        assert client.get(calendar_file)["X-Cache"] == "miss"


def test_an_event_moved_later_is_forgotten_at_its_new_end_only(ending, client):
    event, _ = ending
    first_end = event.end
    event.end = first_end + timedelta(hours=2)
    event = publish(event)
    with time_machine.travel(first_end + timedelta(seconds=1), tick=False):
        assert run_ready_tasks() == ["nothing to forget"]
    with time_machine.travel(event.end + timedelta(seconds=1), tick=False):
        assert run_ready_tasks() == [f"forgot the pages of {TITLE!r}"]
