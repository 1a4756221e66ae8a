"""The private parts of psycopg, Wagtail and django-treebeard this site relies on, in one place.

Each has no public equivalent (said below, for each), and each saves a worker or a query
on every request, so it stays; but only here. tests/delivery/test_compat.py checks what
each does and names the versions it was checked against in CHECKED_AGAINST: it fails when
an installed version differs, so an upgrade is the moment to check them again.
"""

from psycopg import errors

CHECKED_AGAINST = {"psycopg": "3.3.9", "wagtail": "8.0.1", "django-treebeard": "5.3.1"}

# What psycopg's Connection.wait() raises when its `timeout` passes (delivery/database/).
# Only the private class tells a wait cut short by our bound from any other
# OperationalError, such as a connection the server closed.
WaitTimeout = errors._WaitTimeout


def become(connection, connection_class):
    """Make a psycopg connection Django opened into `connection_class`, a subclass that
    only overrides methods (delivery/database/base.py's BoundedConnection).

    Django's backend opens connections with psycopg.connect(), which takes no connection
    class; copying Django's get_new_connection() to call the subclass's connect() instead
    would be a larger private dependency than this.
    """
    connection.__class__ = connection_class
    return connection


def request_site(request, default=None):
    """The Wagtail Site kept on the request by `Site.find_for_request()`, or `default`."""
    return getattr(request, "_wagtail_site", default)


def keep_request_site(request, site):
    """Have Wagtail's `Site.find_for_request()` answer `site` for this request, without a
    query (delivery/site_memo.py). Wagtail keeps its answer in `request._wagtail_site` and
    offers no way to give it one."""
    request._wagtail_site = site


def keep_parent(page, parent):
    """Have `page.get_parent()` answer `parent` without a query, as django-treebeard does
    for a page it has just fetched the parent of (`_cached_parent_obj`). Wagtail's routing
    and the menu ask for it on every request."""
    page._cached_parent_obj = parent
    return page
