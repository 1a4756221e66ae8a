"""Scheduled publishing happens: the worker runs `publish_scheduled` every minute, and a page
that goes live or expires that way is fresh at once everywhere readers find it."""

import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.rich_text import RichText

from publications.models import PublicationIndexPage
from publications.tasks import generate_publication_pdf
from staff.tasks import publish_scheduled
from tests.publications.factories import PublicationPageFactory
from tests.servers import run_email_worker
from tests.sitemaps import sitemap_entries

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
EVERYWHERE = {"library": True, "feed": True, "sitemap": True}


class PurgeRecorder(BaseHTTPRequestHandler):
    """A front cache that notes each address it is told to forget."""

    purged = []

    def do_PURGE(self):
        self.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.purged = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "delivery.front_cache.PurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield PurgeRecorder.purged
    server.shutdown()
    server.server_close()


def queued_runs():
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=publish_scheduled.module_path
    )


def a_minute_passes():
    """The next run's wait is over, without the wait."""
    queued_runs().update(run_after=timezone.now())


def schedule_and_run_the_worker():
    """As `make run` and the release step do, then the worker, until nothing is due."""
    call_command("publish_scheduled", "--schedule", stdout=StringIO())
    run_email_worker()


def path_of(page):
    return page.url_path.removeprefix("/home")


def seen_by_readers(reader, page, library):
    """Where readers find a publication: the library, the feed and the sitemap."""
    return {
        "library": page.title in reader.get(library.url).content.decode(),
        "feed": page.title in reader.get("/feed/").content.decode(),
        "sitemap": path_of(page) in {urlsplit(loc).path for loc, _ in sitemap_entries(reader)},
    }


def test_a_page_approved_to_go_live_later_goes_live_on_the_worker_when_its_time_comes(
    demo, front_cache
):
    library = PublicationIndexPage.objects.live().get()
    page = PublicationPageFactory(parent=library, title="A report for nine", live=False)
    page.report = [("paragraph", RichText("<p>What the survey found.</p>"))]
    # Soon enough to wait for; late enough for the first run below to come before it.
    go_live = page.go_live_at = timezone.now() + timedelta(seconds=10)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live

    reader = Client()
    for address in (library.url, "/feed/", "/sitemap.xml"):
        reader.get(address)
        assert reader.get(address)["X-Cache"] == "hit", address
    schedule_and_run_the_worker()
    page.refresh_from_db()
    assert not page.live  # not before its time

    time.sleep(max(0, (go_live - timezone.now()).total_seconds()) + 0.1)
    a_minute_passes()
    run_email_worker()
    page.refresh_from_db()
    assert page.live
    assert seen_by_readers(reader, page, library) == EVERYWHERE
    assert reader.get(page.url).status_code == 200
    assert library.url in front_cache
    assert "/feed/" in front_cache
    # Its PDF is queued for the documents worker.
    assert DBTaskResult.objects.filter(
        task_path=generate_publication_pdf.module_path, args_kwargs__args=[page.pk]
    ).exists()


def test_an_expired_page_disappears_from_everywhere_on_the_worker(demo, front_cache):
    library = PublicationIndexPage.objects.live().get()
    page = PublicationPageFactory(parent=library, title="A report that expires")
    page.save_revision().publish()
    path = page.url
    reader = Client()
    assert seen_by_readers(reader, page, library) == EVERYWHERE

    type(page).objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    schedule_and_run_the_worker()
    page.refresh_from_db()
    assert not page.live
    assert page.expired
    assert reader.get(path).status_code == 404
    assert seen_by_readers(reader, page, library) == {
        "library": False,
        "feed": False,
        "sitemap": False,
    }
    assert path in front_cache


def test_the_schedule_runs_every_minute_and_is_queued_once(demo):
    for _ in range(2):
        call_command("publish_scheduled", "--schedule", stdout=StringIO())
    assert queued_runs().count() == 1
    run_email_worker()
    [next_run] = queued_runs()
    assert timedelta(seconds=50) < next_run.run_after - timezone.now() <= timedelta(seconds=60)
