"""Load the programme's real content into an empty site, or top up a site that has it.

Each app that has demo content says so in its own `<app>/demo.py` (or `demo/` package),
with any of three functions, which this command finds through the app registry:

- `create_site()`: make the site's root page and its first sections (one app does this);
- `load()`: the app's own pages and files, the apps taken lowest layer first, so that
  each finds the pages of the apps it builds on already there;
- `link()`: what needs every app's pages in place, such as text that links to them.

All of one step runs before any of the next. Every step creates only what is missing, so
running it again never duplicates a page and never overwrites what an editor has changed.

`--scale N` then grows the site for benchmarks: each app's `grow(scale)` adds generated
pages until it holds N times its real demo content (`--scale 9`: 63 publications, 18 films
and 63 people, against 7, 2 and 7). Generated pages say so in their titles ("[Generated]")
and text, and growing is as idempotent as loading: a second run adds nothing, a larger
scale adds only the difference. A smaller scale removes nothing.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page

from kindness.apps import project_submodules

STEPS = ("create_site", "load", "link")
GROW_STEP = "grow"


class Command(BaseCommand):
    help = "Load the Kinder Communities demo content (safe to run more than once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            metavar="N",
            help="Grow the content to N times the real demo content with pages marked as "
            "generated, for benchmarks (default 1: the real content only).",
        )

    @transaction.atomic
    def handle(self, *args, scale=1, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        pages_before = Page.objects.count()
        modules = project_submodules("demo")
        for step in STEPS:
            for module in modules:
                hook = getattr(module, step, None)
                if hook is not None:
                    hook()
        if scale > 1:
            for module in modules:
                hook = getattr(module, GROW_STEP, None)
                if hook is not None:
                    hook(scale)
        added = Page.objects.count() - pages_before
        if added:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {added} pages added."))
        else:
            self.stdout.write("Demo content already loaded: nothing to add.")
