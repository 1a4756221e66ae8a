"""nginx in front: an event that ends leaves "upcoming" there too, at once.

nginx keeps a page for its max-age, which the site never lets run past an event's end;
but past it nginx serves its copy once more while it fetches a new one. So at the end
the worker purges the pages that list the event (events/tasks.py). Real time here: nginx
keeps its own clock.
"""

import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from tests.events.factories import EventPageFactory, publish
from tests.nginx import running_nginx

TITLE = "Webinar: the one that ends during the test"
# Long enough to publish and fetch the pages twice through nginx before the end, on a
# busy machine (the test waits for the end: it takes this long).
SECONDS_TO_END = 20


@pytest.fixture
def nginx_in_front(live_server, tmp_path, settings):
    """nginx in front of the live server, and the site told to purge it."""
    upstream = live_server.url.removeprefix("http://")
    with running_nginx(tmp_path, upstream) as nginx:
        settings.WAGTAILFRONTENDCACHE = {
            "nginx": {"BACKEND": "delivery.front_cache.PurgeBackend", "LOCATION": nginx.purge_url}
        }
        yield nginx


def upcoming(body):
    html = BeautifulSoup(body, "html.parser")
    section = html.select_one('[aria-labelledby="upcoming-heading"], .upcoming-events')
    return [card.get_text(strip=True) for card in section.select(".card__title")] if section else []


@pytest.mark.django_db(transaction=True)
def test_nginx_stops_listing_an_event_as_upcoming_when_it_ends(nginx_in_front):
    from events.models import EventIndexPage

    nginx = nginx_in_front
    end = timezone.now().replace(microsecond=0) + timedelta(seconds=SECONDS_TO_END)
    event = publish(
        EventPageFactory(
            parent=EventIndexPage.objects.get(),
            title=TITLE,
            start=end - timedelta(hours=1),
            end=end,
        )
    )
    for path in ("/events/", "/"):
        status, headers, body = nginx.get(path)
        assert (status, headers["X-Cache-Status"], upcoming(body)) == (200, "MISS", [TITLE])
        assert nginx.get(path)[1]["X-Cache-Status"] == "HIT", path

    time.sleep(max(0, (event.end - timezone.now()).total_seconds()) + 0.5)
    # The worker, whose run was queued for the end when the event was published.
    call_command(
        "db_worker", "--backend=email", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )

    for path in ("/events/", "/"):
        status, headers, body = nginx.get(path)
        assert (status, upcoming(body)) == (200, []), (path, headers["X-Cache-Status"])
    assert TITLE in nginx.get("/events/past/")[2].decode()
