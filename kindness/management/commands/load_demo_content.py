"""Load the programme's real content into an empty site, or top up a site that has it.

Every step creates only what is missing, so running it again never duplicates a page
and never overwrites what an editor has changed.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page

import kindness.demo
import people.demo
import programme.demo
import programme.demo.pages
import publications.demo
from programme.demo import child_page


class Command(BaseCommand):
    help = "Load the Kinder Communities demo content (safe to run more than once)."

    @transaction.atomic
    def handle(self, *args, **options):
        pages_before = self.page_count()
        home, created = programme.demo.home_page()
        # Created in the order the main navigation lists them.
        strand_index = programme.demo.strand_index(home)
        people_by_slug = people.demo.load(home, child_page)
        strands = programme.demo.load_strands(strand_index, people_by_slug)
        publications.demo.load(home, child_page, strands, people_by_slug)
        programme.demo.write_brief(home, people_by_slug)
        programme.demo.pages.load(home, people_by_slug)
        kindness.demo.load()
        added = self.page_count() - pages_before
        if created or added:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {added} pages added."))
        else:
            self.stdout.write("Demo content already loaded: nothing to add.")

    @staticmethod
    def page_count():
        return Page.objects.count()
