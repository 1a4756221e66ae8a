from django.apps import AppConfig


class SocialCardsConfig(AppConfig):
    """Each page's own share picture, drawn when it is published: its title, its type and
    the programme's name on a 1200 × 630 card (`drawing.py`), by the documents worker
    (`tasks.py`), kept as a file in the default storage (S3 when configured) and recorded
    in a `SocialCard` row (`models.py`) that the core's meta tags read.

    A layer below the core and above `delivery`: it knows pages only as Wagtail pages, so
    every page type, today's and tomorrow's, gets a card without naming it here. A page
    type names its kind on the card with a `social_card_type` attribute, or its verbose
    name does, and its own picture (`share_image_from_content()`) goes beside the title.
    """

    name = "social_cards"
    verbose_name = "Social cards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site
        from wagtail.signals import page_published, page_unpublished

        from social_cards.models import SocialCard
        from social_cards.tasks import delete_card_file, queue_card, queue_site_cards

        page_published.connect(queue_card, dispatch_uid="social-cards-published")
        page_unpublished.connect(queue_card, dispatch_uid="social-cards-unpublished")
        post_save.connect(queue_site_cards, sender=Site, dispatch_uid="social-cards-site")
        post_delete.connect(delete_card_file, sender=SocialCard, dispatch_uid="social-card-file")
