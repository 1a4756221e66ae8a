from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    """How pages reach readers: the page cache and the front cache's purge, the resilient
    Redis cache, the site's memory of itself, compression, static files, the database
    backend and the 503 page when the database is away, the health check and the log's
    filters. The breaker and the once-a-minute log they share are in `breaker.py`; the
    private APIs of psycopg, Wagtail and django-treebeard the site relies on, in
    `compat.py` and nowhere else.

    The lowest layer: it imports no other app of the project, and knows pages only as
    Wagtail pages. Apps tell it which addresses a change touches through the
    `page_cache_paths` and `site_cache_paths` hooks.
    """

    name = "delivery"
    verbose_name = "Delivery"

    def ready(self):
        from delivery.page_cache import connect_signals

        connect_signals()
