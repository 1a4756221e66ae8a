from django.core.management.base import BaseCommand
from wagtail.models import Page

from social_cards.tasks import draw_social_card


class Command(BaseCommand):
    help = (
        "Queue the drawing of every live page's social card for the documents worker (pages "
        "published before cards were drawn have none; a card that shows the same is kept)."
    )

    def handle(self, *args, **options):
        pages = Page.objects.live().filter(depth__gt=1).values_list("pk", flat=True)
        for page_id in pages:
            draw_social_card.enqueue(page_id)
        self.stdout.write(f"Queued {len(pages)} social cards for the documents worker.")
