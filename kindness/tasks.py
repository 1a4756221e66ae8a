"""The site's own background work, run by the database-backed worker."""

from datetime import timedelta

from django_tasks import task

from kindness import recurring
from kindness.search import statistics


# The "email" backend is the project's one database-backed queue, the one the worker runs
# (`manage.py db_worker --backend email`); the newsletter's purge runs there too.
@task(backend="email")
def flush_search_statistics(every_minutes=None):
    """Move the searches counted in the cache into the admin's search terms; with
    `every_minutes`, run again after that many minutes."""
    written = statistics.flush()
    if every_minutes:
        recurring.run_again(
            flush_search_statistics, timedelta(minutes=every_minutes), every_minutes=every_minutes
        )
    return f"{written} search terms"
