"""What every request asks of the site, remembered in this process until the site changes.

Every page needs the Wagtail Site for its host with its home page, the site settings (the
header, the footer, the share cards and the signup form read them) and the site's sections
(the menu, the footer and the routing of every request). Fetching them costs four queries
and the ORM's work of building the objects, several milliseconds of every uncached page,
for data that changes a few times a day.

They are kept here, in this process's memory, under the page cache's site token
(delivery/page_cache.py). That token changes whenever any of them can: a page at the top of
the tree published, unpublished, moved or deleted, a site, its settings or a view
restriction saved. When the cache is Redis every instance reads the same token, so all of
them fetch afresh on their next request. Without Redis each process has a token of its own,
which a change made in another process does not reach: there, what is kept is fetched
again after MAX_AGE seconds, as the page cache's pages expire. When the cache is
unreachable nothing is kept and every request queries, as before.

The objects kept are never handed out: each request gets its own copies, because a request
marks what it is given (the menu marks the current section, routing sets a page's parent)
and a worker's threads serve several requests at once.
"""

import contextlib
import copy
import threading
import time

from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models.sites import get_site_for_hostname

from delivery import compat, page_cache

# The longest anything is kept, for a change made in another process without a shared cache.
MAX_AGE = 60
# More keys than this (one per host, site and kind, and per change of a page kept by its
# path) and everything starts again.
MAX_ENTRIES = 64
_MISSING = object()

_lock = threading.Lock()
_token = None
_since = 0.0
_entries = {}


def remembered(request, key, fetch, *, path=None):
    """What `fetch()` returned, from this process's memory while the site is unchanged.

    With `path`, only while the page at that address is unchanged too: its page-cache
    token changes with every publish that changes what the page shows (a library's
    filters, say). Never hand out a model instance kept here: return copies of it
    (`fresh()`), one per request.
    """
    token = page_cache.site_token(request)
    if token is None:  # No cache to tell us when the site changes: fetch every time.
        return fetch()
    if path is not None:
        path_token = page_cache.path_token(request, path)
        if path_token is None:
            return fetch()
        key = (key, path_token)
    with _lock:
        current = token == _token and time.monotonic() - _since < MAX_AGE
        found = _entries.get(key, _MISSING) if current else _MISSING
    if found is not _MISSING:
        return found
    value = fetch()
    _remember(token, key, value)
    return value


def _remember(token, key, value):
    global _token, _since
    with _lock:
        now = time.monotonic()
        if token != _token or now - _since >= MAX_AGE or len(_entries) >= MAX_ENTRIES:
            _entries.clear()
            _token, _since = token, now
        _entries[key] = value


def forget():
    """Forget everything (tests; the site token does this in production)."""
    global _token
    with _lock:
        _entries.clear()
        _token = None


def find_site(request):
    """The Wagtail Site answering the request, with its home page, from memory.

    Wagtail's `Site.find_for_request()`, which every page, menu and link asks, and its
    routing, which asks for the home page as its specific type, cost a query each. Both are
    remembered; the copies are set where Wagtail keeps them for the request
    (`compat.keep_request_site`, the site's `root_page` and its `specific`).

    Called below CommonMiddleware, which has refused a host that is not allowed, so the
    host is read the public way, `get_host()`.
    """
    known = compat.request_site(request, _MISSING)
    if known is not _MISSING:
        return known
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()
    site = remembered(request, ("site", hostname, port), lambda: _site_for(hostname, port))
    if site is not None:
        root = site.root_page
        site = fresh(site, root_page=fresh(root, specific=fresh(root.specific)))
    compat.keep_request_site(request, site)
    return site


def _site_for(hostname, port):
    try:
        site = get_site_for_hostname(hostname, port)
    except ObjectDoesNotExist:
        return None
    _ = site.root_page.specific  # Fetched now, to be kept with it.
    return site


def fresh(instance, **related):
    """A copy of a remembered model instance for one request to use and mark.

    Its fields and the related objects fetched with it come along; `related` replaces some
    of those (with copies of their own, when the request may mark them too).
    """
    if instance is None:
        return None
    duplicate = copy.copy(instance)
    for name, value in related.items():
        setattr(duplicate, name, value)
    return duplicate


def remembered_site(get_response):
    """Finds the request's Wagtail site and home page in memory (delivery/site_memo.py)
    before Wagtail, the redirects or a template asks for them, each a query otherwise."""

    def middleware(request):
        # A database that fails is left to whatever asks next: /healthz answers for
        # itself, a page with the 503 page.
        with contextlib.suppress(DatabaseError):
            find_site(request)
        return get_response(request)

    return middleware
