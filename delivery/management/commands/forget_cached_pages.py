"""Forget every page in the page cache and nginx's: run it once a deploy has finished.

Cached pages name the static files of the release that rendered them (`site.1a2b3c.css`).
Once the last instance of the old release has stopped, nothing serves those files any
more, so pages cached before the deploy would arrive unstyled until they expire (an hour).
"""

from django.core.management.base import BaseCommand

from delivery.page_cache import invalidate


class Command(BaseCommand):
    help = (
        "Forget every cached page (the page cache, and nginx's through FRONTEND_CACHE_URL): "
        "run it after a deploy, once no instance of the old release is left."
    )

    def handle(self, *args, **options):
        invalidate(None)
        if options["verbosity"]:
            self.stdout.write(
                "Every cached page is forgotten; each is rendered afresh when next asked for."
            )
