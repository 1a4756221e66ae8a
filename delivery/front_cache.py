"""The front cache: telling nginx in front (deploy/nginx.conf) which pages changed.

nginx keeps anonymous readers' pages for their max-age; when an editor publishes, the page
cache (delivery/page_cache.py) works out which addresses changed and, once the change is
committed, calls `purge()` with them. It goes through Wagtail's frontend cache
(`wagtail.contrib.frontend_cache`): its purge function and task, and a backend derived from
its HTTPBackend, one per FRONTEND_CACHE_URL (settings.WAGTAILFRONTENDCACHE). With none set
there is no front cache and nothing is sent.

Wagtail's app itself is not installed: its signal handlers would purge only the page, and
before the transaction commits, so a reader arriving in between would put the old page
straight back.
"""

import logging
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from urllib.parse import urlsplit

from django.conf import settings
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site

logger = logging.getLogger(__name__)


def enabled():
    return bool(settings.WAGTAILFRONTENDCACHE)


def purge(paths):
    """Have the front cache forget these paths, on every site."""
    if not enabled() or not paths:
        return
    roots = {site.root_url for site in Site.objects.all()}
    purge_urls_from_cache(sorted(root + path for root in roots for path in paths))


class PurgeBackend(HTTPBackend):
    """Wagtail's HTTPBackend (a PURGE request per address, with the page's Host), made fit
    to run in an editor's request: one connection for a whole batch, a timeout
    (FRONTEND_CACHE_TIMEOUT) so an nginx that does not answer cannot hold the publish, one
    log line for an unreachable nginx rather than one per address, and "404: was not
    cached" taken as the success it is."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 2))
        super().__init__(params)

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        urls = list(urls)
        connection_class = HTTPSConnection if self.cache_scheme == "https" else HTTPConnection
        connection = connection_class(self.cache_netloc, timeout=self.timeout)
        sent = 0
        try:
            for url in urls:
                status = self._send(connection, url)
                sent += 1
                if status not in (200, 204, 404):
                    logger.error("Front cache refused to purge %s: %d", url, status)
        except (OSError, HTTPException) as error:
            logger.error(
                "Front cache at %s unreachable, %d addresses not purged: %s",
                self.cache_netloc,
                len(urls) - sent,
                error,
            )
        finally:
            connection.close()

    @staticmethod
    def _send(connection, url):
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {
            "Host": parts.netloc.rpartition("@")[2],
            "User-Agent": f"Wagtail-frontendcache/{wagtail_version}",
        }
        connection.request("PURGE", target, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
