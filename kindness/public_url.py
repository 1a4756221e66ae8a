"""The site's public address, PUBLIC_URL, and the Wagtail site record that must agree with it.

Wagtail builds every absolute URL (canonical links, share links, the sitemap, the feed) from
its Site record's hostname and port, not from the request; PUBLIC_URL is written into that
record by `manage.py set_public_url` (a release step, and `make run`) and by the demo loader.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(url=None):
    """(hostname, port) for a public address such as https://example.org or http://h:8000."""
    url = url or settings.PUBLIC_URL
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.path.strip("/"):
        raise ImproperlyConfigured(
            f"PUBLIC_URL must be http:// or https:// and a host, with no path: {url!r}"
        )
    return parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]


def point_site_at(site, url=None):
    """Set the site record's hostname and port from the public address (not saved)."""
    site.hostname, site.port = site_address(url)
    return site
