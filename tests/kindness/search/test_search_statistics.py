"""Search statistics: counted in the cache, never written in a reader's request, bounded,
and in the admin's search terms after the worker's flush."""

import uuid
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from kindness.search import statistics as search_statistics
from tests.html import visible_text
from tests.quality.conftest import parse
from tests.two_factor import sign_in_to_admin

WRITES = ("INSERT", "UPDATE", "DELETE")


def writes(queries):
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


def stored_keys():
    """Every key the statistics hold in the tests' cache (local memory)."""
    return [key for key in cache._cache if search_statistics.PREFIX in key]


def test_a_search_writes_nothing_to_the_database(demo, client):
    # The first page rendered makes its share image's rendition, once: not the search's doing.
    client.get("/search/?q=first")
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/search/?q=kindness")
        again = client.get("/search/?q=kindness")
    assert (first.status_code, again.status_code) == (200, 200)
    assert writes(queries) == []
    # The second came from the page cache, and counted all the same.
    assert again["X-Cache"] == "hit"
    assert search_statistics.counted() == {"first": 1, "kindness": 2}
    assert not QueryDailyHits.objects.exists()


def test_a_results_page_after_the_first_and_an_empty_search_are_not_searches(demo, client):
    client.get("/search/?q=kindness")
    client.get("/search/?q=kindness&page=2")
    client.get("/search/?q=")
    client.get("/search/")
    # A bad page number is dropped, as the results page drops it: the search still counts.
    client.get("/search/?q=care&page=nonsense")
    assert search_statistics.counted() == {"kindness": 1, "care": 1}


def test_distinct_searches_past_the_cap_grow_nothing(demo, client, monkeypatch):
    monkeypatch.setattr(search_statistics, "MAX_QUERIES", 5)
    for _ in range(3):
        client.get("/search/?q=first")
    for _ in range(12):
        client.get(f"/search/?q={uuid.uuid4().hex}")
    size = len(stored_keys())
    for _ in range(12):
        client.get(f"/search/?q={uuid.uuid4().hex}")
    assert len(stored_keys()) == size
    counted = search_statistics.counted()
    assert len(counted) == 5
    # A search counted before the store filled up still counts.
    client.get("/search/?q=first&utm_source=newsletter")
    assert search_statistics.counted()["first"] == 4


def test_the_flush_puts_the_counts_in_the_admins_search_terms(demo, client, superuser_account):
    for query, times in (("kindness", 3), ("neighbours", 1)):
        for _ in range(times):
            client.get(f"/search/?q={query}")
    call_command("flush_search_statistics", stdout=StringIO())
    assert {q.query_string: q._hits for q in Query.get_most_popular()} == {
        "kindness": 3,
        "neighbours": 1,
    }
    assert search_statistics.counted() == {}
    # Searches after the flush count towards the next one, added to the same day.
    client.get("/search/?q=kindness&page=1")
    call_command("flush_search_statistics", stdout=StringIO())
    assert Query.get("kindness").hits == 4

    # Wagtail shows the search terms to superusers alone.
    sign_in_to_admin(client, superuser_account)
    report = parse(client.get(reverse("wagtailsearchpromotions:search_terms")))
    rows = [visible_text(row) for row in report.select("tbody tr")]
    assert rows[0].split() == ["kindness", "4"]


def test_only_the_most_searched_reach_the_database(demo, client, monkeypatch):
    monkeypatch.setattr(search_statistics, "MOST_SEARCHED", 2)
    for query, times in (("rare", 1), ("common", 3), ("middling", 2)):
        for _ in range(times):
            client.get(f"/search/?q={query}")
    call_command("flush_search_statistics", stdout=StringIO())
    assert set(Query.objects.values_list("query_string", flat=True)) >= {"common", "middling"}
    assert not Query.objects.filter(query_string="rare").exists()


@pytest.mark.django_db
def test_the_worker_flushes_hourly_once_scheduled():
    call_command("flush_search_statistics", "--schedule", stdout=StringIO())
    call_command("flush_search_statistics", "--schedule", stdout=StringIO())
    queued = DBTaskResult.objects.ready().filter(task_path__endswith="flush_search_statistics")
    assert queued.count() == 1
    assert queued.get().args_kwargs["kwargs"] == {"every_minutes": 60}
