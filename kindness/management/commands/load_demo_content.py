"""Load the programme's real content into an empty site, or top up a site that has it.

Each app that has demo content says so in its own `<app>/demo.py` (or `demo/` package),
with any of three functions, which this command finds through the app registry:

- `create_site()`: make the site's root page and its first sections (one app does this);
- `load()`: the app's own pages and files, the apps taken lowest layer first, so that
  each finds the pages of the apps it builds on already there;
- `link()`: what needs every app's pages in place, such as text that links to them.

All of one step runs before any of the next. Every step creates only what is missing, so
running it again never duplicates a page and never overwrites what an editor has changed.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page

from kindness.apps import project_submodules

STEPS = ("create_site", "load", "link")


class Command(BaseCommand):
    help = "Load the Kinder Communities demo content (safe to run more than once)."

    @transaction.atomic
    def handle(self, *args, **options):
        pages_before = Page.objects.count()
        modules = project_submodules("demo")
        for step in STEPS:
            for module in modules:
                hook = getattr(module, step, None)
                if hook is not None:
                    hook()
        added = Page.objects.count() - pages_before
        if added:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {added} pages added."))
        else:
            self.stdout.write("Demo content already loaded: nothing to add.")
