from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """How many SQL queries one GET of `url` makes."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context)
