"""The page cache: whole responses for anonymous readers, kept in the site's cache.

Built from Django's cache and Wagtail's signals and hooks rather than a package: the
maintained one (wagtail-cache 3.0) requires Wagtail < 8. The cache is CACHES["default"]:
Redis when REDIS_URL is set, so every web instance shares one page cache and sees the same
invalidations; this process's memory otherwise.

What is stored: a 200 answer to an anonymous GET, with no cookie set, no `private`,
`no-cache` or `no-store` in its Cache-Control (the newsletter's pages, Wagtail's private
pages, the admin), outside the admin and its previews, and from a request that carried no
session or messages cookie. HEAD is answered from what a GET stored. Everything else goes
to the view every time and, unless the view said otherwise, is sent `private, no-store`.

Keys: the host, the path and the query string normalised (parameters sorted, empty ones and
tracking parameters dropped), plus two tokens read from the cache: one for the whole site
and one for the path. Changing a token makes every entry under it unreachable (they expire
by themselves), which is how one path, with all its query strings (the filtered library,
searches), or the whole site is invalidated without listing keys. A token that has fallen
out of the cache is replaced by a new one, never by an old value, so a lost token can only
make entries unreachable, never bring a stale one back.
"""

import hashlib
import logging
import math
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import parse_http_date_safe
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex, Site

from delivery import front_cache
from delivery.breaker import ONCE_A_MINUTE, SaidAtMost

logger = logging.getLogger(__name__)

PREFIX = "page-cache"
SITE_TOKEN_KEY = f"{PREFIX}:site"
SAFE_METHODS = ("GET", "HEAD")
# Links shared on social media and in newsletters carry these; the page is the same.
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
# A longer query string is someone probing, not a reader: answered, never stored.
MAX_QUERY_LENGTH = 300
NEVER_STORE = {"private", "no-cache", "no-store"}
# A response that varies on anything else (a language, a device) is not one page.
VARY_ALLOWED = {"cookie", "accept-encoding"}


class PageCacheMiddleware:
    """Serves anonymous GET and HEAD requests from the page cache, and fills it.

    Sits below WhiteNoise (static files never reach it) and above the session, so a hit
    costs two cache reads and no database query; the security headers are added on the
    way out, above it, to hits and misses alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = response_key(request) if may_fetch(request) else None
        if key:
            stored = _cache_call(cache.get, key)
            if stored is not None:
                return not_modified_or(request, thaw(stored))
        response = self.get_response(request)
        until = getattr(request, "_page_cache_fresh_until", None)
        changes_in = seconds_until(until)
        lifetime = settings.PAGE_CACHE_SECONDS
        if changes_in is not None:
            lifetime = min(lifetime, changes_in)
        if key and lifetime > 0 and may_store(request, response):
            make_public(response, changes_in)
            if request.method == "GET":
                _cache_call(cache.set, key, freeze(response, until), lifetime)
            response["X-Cache"] = "miss"
        else:
            if not response.streaming and not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_store=True)
            response["X-Cache"] = "bypass"
        return response


def may_fetch(request):
    """Whether the request is one the cache may answer: an anonymous GET or HEAD."""
    if request.method not in SAFE_METHODS or not settings.PAGE_CACHE_SECONDS:
        return False
    if request.path_info.startswith(tuple(settings.ADMIN_PATH_PREFIXES)):
        return False
    # Wagtail's previews (and moderation views) render a page through a request of their own.
    if getattr(request, "is_dummy", False):
        return False
    # A session means a signed-in editor, or a reader who gave a private page's password;
    # messages are one reader's own. Both change the page, so neither is served from here.
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def may_store(request, response):
    """Whether the response is the same for every anonymous reader, and safe to keep."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if cache_control_directives(response) & NEVER_STORE:
        return False
    varies = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return varies <= VARY_ALLOWED


def cache_control_directives(response):
    return {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part.strip()
    }


def fresh_until(request, moment):
    """Say that the page being rendered for `request` changes by itself at `moment` (an
    aware datetime; None: never), with no publish to tell the cache: an event that ends
    leaves the upcoming list. The page cache keeps the page no longer than that, and tells
    browsers and nginx the same. Called while rendering, by whatever shows such content;
    the earliest moment of the request wins."""
    if moment is None:
        return
    current = getattr(request, "_page_cache_fresh_until", None)
    if current is None or moment < current:
        request._page_cache_fresh_until = moment


def seconds_until(moment):
    """Whole seconds from now until `moment` (None: None)."""
    if moment is None:
        return None
    return math.floor((moment - timezone.now()).total_seconds())


def make_public(response, changes_in=None):
    """A short life in browsers and shared caches, served stale while it is refetched.

    A view that chose its own max-age (robots.txt, the web manifest) keeps it. A page that
    changes by itself within the usual max-age and stale time (`changes_in` seconds) is
    kept until then, and never served stale: it would be wrong.
    """
    usual = settings.PAGE_CACHE_MAX_AGE + settings.PAGE_CACHE_STALE_WHILE_REVALIDATE
    if "max-age" in cache_control_directives(response):
        patch_cache_control(response, public=True)
    elif changes_in is not None and changes_in < usual:
        patch_cache_control(
            response, public=True, max_age=min(changes_in, settings.PAGE_CACHE_MAX_AGE)
        )
    else:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_MAX_AGE,
            stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
        )
    # A browser that signs in must not reuse the anonymous copy.
    patch_vary_headers(response, ["Cookie"])


def freeze(response, until=None):
    return (response.status_code, list(response.items()), response.content, until)


def thaw(stored):
    status, headers, content, *rest = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    until = rest[0] if rest else None
    if until is not None:
        # A page that changes by itself: the time left to keep it shrinks with each hit.
        del response["Cache-Control"]
        make_public(response, max(seconds_until(until), 0))
    response["X-Cache"] = "hit"
    return response


def not_modified_or(request, response):
    """304 Not Modified when the reader already has this version (ETag or Last-Modified)."""
    etag, last_modified = response.get("ETag"), response.get("Last-Modified")
    if not (etag or last_modified):
        return response
    last_modified = parse_http_date_safe(last_modified) if last_modified else None
    answer = get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
    answer["X-Cache"] = "hit"
    return answer


def normalised_query(query_dict):
    pairs = sorted(
        (name, value)
        for name, values in query_dict.lists()
        for value in values
        if value.strip() and not name.startswith(TRACKING_PARAMETERS)
    )
    return urlencode(pairs)


def response_key(request):
    """The request's key, or None when it must not be cached (or the cache is down)."""
    query = normalised_query(request.GET)
    if len(query) > MAX_QUERY_LENGTH:
        return None
    tokens = _cache_call(current_tokens, request.path)
    if tokens is None:
        return None
    site_token, path_token = tokens
    request._page_cache_site_token = site_token
    request._page_cache_path_tokens = {request.path: path_token}
    digest = _digest(f"{request.get_host()}\n{request.path}\n{query}")
    return f"{PREFIX}:response:{site_token}:{path_token}:{digest}"


def _path_token_key(path):
    return f"{PREFIX}:path:{_digest(path)}"


def _digest(text):
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def current_tokens(path):
    keys = [SITE_TOKEN_KEY, _path_token_key(path)]
    found = cache.get_many(keys)  # One round trip to Redis, however many tokens.
    tokens = [found.get(key) or _added_token(key) for key in keys]
    return None if None in tokens else tokens


def _current_token(key):
    return cache.get(key) or _added_token(key)


def _added_token(key):
    """A token for a key that has none: only ever a new one, never an old value; add()
    keeps the one another process may have set meanwhile. None when the cache keeps
    nothing: it is down."""
    cache.add(key, uuid.uuid4().hex, None)
    return cache.get(key)


def site_token(request=None):
    """The whole site's token, read once per request: it changes whenever something every
    page shows does (delivery/site_memo.py remembers such things under it). None while the
    cache is unreachable."""
    if request is not None and hasattr(request, "_page_cache_site_token"):
        return request._page_cache_site_token
    token = _cache_call(_current_token, SITE_TOKEN_KEY)
    if request is not None:
        request._page_cache_site_token = token
    return token


def path_token(request, path):
    """The token of the page at `path`, read once per request (see `site_token`)."""
    known = getattr(request, "_page_cache_path_tokens", None)
    if known is None:
        known = request._page_cache_path_tokens = {}
    if path not in known:
        known[path] = _cache_call(_current_token, _path_token_key(path))
    return known[path]


def _new_tokens(keys):
    cache.set_many({key: uuid.uuid4().hex for key in keys}, None)


_cache_down_log = SaidAtMost(ONCE_A_MINUTE)


def _cache_call(function, *args):
    """Call the cache; when it is unreachable, carry on uncached and say so once a minute."""
    try:
        return function(*args)
    except Exception as error:  # Any backend's connection error: the page still renders.
        if _cache_down_log.now():
            logger.warning("Page cache unavailable, serving uncached: %s", error)
        return None


def invalidate(paths, *, front_cache_paths=()):
    """Forget every cached response for these paths (None: the whole site), whatever their
    query strings, and then have the front cache forget them too.

    The one list of what a change changes: the page cache forgets these paths, and nginx in
    front (delivery/front_cache.py) is sent a purge for each, or for every page on the site.
    `front_cache_paths` are addresses that no longer exist, which only the front cache still
    holds (a moved page's old address).
    """
    if paths is not None:
        paths = set(paths)
        if not paths:
            return

    def forget():
        keys = [SITE_TOKEN_KEY] if paths is None else [_path_token_key(path) for path in paths]
        _cache_call(_new_tokens, keys)

    def forget_then_purge():
        forget()
        # Only now: a purge before the commit would let the front cache fetch the old page
        # again, and after the page cache has forgotten, so it fetches the new one.
        if front_cache.enabled():
            front_cache.purge({*(every_path() if paths is None else paths), *front_cache_paths})

    # Now, and again once the transaction commits: a reader arriving in between may have
    # stored the old page again.
    forget()
    transaction.on_commit(forget_then_purge)


def page_path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None


def paths_for_page(page):
    """The page, its ancestors, the pages that reference it, and what the apps add.

    Each app adds the addresses that list every page (the library, the feed) through the
    `page_cache_paths` hook: a function of the page returning paths.
    """
    pages = list(page.get_ancestors(inclusive=True).filter(depth__gt=1))
    # References from pages: their base content type is Page's.
    references = ReferenceIndex.get_references_to(page).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    referring_ids = set(references.values_list("object_id", flat=True))
    pages += Page.objects.filter(pk__in=[int(pk) for pk in referring_ids if pk.isdigit()])
    paths = {page_path(each) for each in pages}
    for hook in hooks.get_hooks("page_cache_paths"):
        paths.update(hook(page))
    paths.discard(None)
    return paths


def every_path():
    """Every address on the site a cache may hold: each live page, what the apps add for
    each (the library, the feed, search, the sitemap, chart downloads), and the site's own
    files that carry its name (the `site_cache_paths` hook: a function of nothing returning
    paths). For the front cache, which has no site-wide token."""
    paths = set()
    for hook in hooks.get_hooks("site_cache_paths"):
        paths.update(hook())
    for page in Page.objects.live().filter(depth__gt=1).specific(defer=True):
        paths.add(page_path(page))
        for hook in hooks.get_hooks("page_cache_paths"):
            paths.update(hook(page))
    paths.discard(None)
    return paths


def site_paths(url_path):
    """The addresses at which a page with this Wagtail url_path is served, site by site."""
    return {
        "/" + url_path[len(root.root_path) :]
        for root in Site.get_site_root_paths()
        if url_path.startswith(root.root_path)
    }


def shown_on_every_page(page):
    """The landing page and its children: the menu and footer list them on every page."""
    return page.depth <= 3


def invalidate_page(page):
    invalidate(None if shown_on_every_page(page) else paths_for_page(page))


def page_changed(instance, **kwargs):
    """Published, unpublished or deleted (Wagtail unpublishes a live page it deletes)."""
    invalidate_page(instance)


def everything_changed(**kwargs):
    """A site or its settings change the header and footer of every page; a view
    restriction changes who may see a page and every list that shows it."""
    invalidate(None)


def page_moved(instance, url_path_before, url_path_after, **kwargs):
    """A move changes the address of the page and all below it: every page's menu, and the
    old addresses, which the front cache still holds, are gone."""
    old_paths = set()
    for page in instance.get_descendants(inclusive=True).live():
        old_url_path = url_path_before + page.url_path[len(url_path_after) :]
        old_paths |= site_paths(old_url_path)
    invalidate(None, front_cache_paths=old_paths)


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(page_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(page_changed, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="page-cache-moved")
    # A page made private (or public again) sends no publish signal, and with it go the
    # pages below it and its place in the menus, listings, search and sitemap: rare enough
    # to forget the whole site rather than trace every listing.
    # Every app's site settings: the header, footer and signup form on every page read them.
    site_settings = [model for model in settings_registry if issubclass(model, BaseSiteSetting)]
    for model in (Site, *site_settings, PageViewRestriction):
        post_save.connect(everything_changed, sender=model, dispatch_uid=f"page-cache-{model}")
        post_delete.connect(everything_changed, sender=model, dispatch_uid=f"page-cache-d-{model}")
