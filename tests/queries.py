"""Counting the SQL a page costs, so that a listing's cost cannot grow with its content."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


def uncached(function):
    """What rendering the page costs: a page cache hit costs none, which says nothing of it."""

    def wrapper(*args, **kwargs):
        with override_settings(PAGE_CACHE_SECONDS=0):
            return function(*args, **kwargs)

    return wrapper


@uncached
def count_queries(client, url):
    """How many SQL queries one GET of `url` makes."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context)


@uncached
def settled_queries(client, url):
    """The SQL of a GET of `url` once earlier GETs have made its renditions and filled the
    caches: the first may also create the site's settings, after which what every page
    asks of the site is fetched once more (delivery/site_memo.py)."""
    count_queries(client, url)
    count_queries(client, url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return [query["sql"][:160] for query in context.captured_queries]


def assert_same_number(few, many):
    """Two `settled_queries` lists, before and after the content grew, are as long."""
    assert len(few) == len(many), "\n".join([*few, "--- after the content grew:", *many])
