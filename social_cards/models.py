"""The record of each page's drawn card: where its file is and what it was drawn from."""

from django.db import models


class SocialCard(models.Model):
    """A page's own share picture, drawn by the worker (social_cards.tasks)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="social_card"
    )
    # In the default storage: the uploads folder, or the S3 bucket when one is configured.
    # The name carries a digest of what was drawn, so a new card has a new address and no
    # network or cache keeps showing the old one.
    file = models.FileField(upload_to="social-cards/", max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt = models.CharField(max_length=400)
    # SHA-256 of what the card shows: the same title, type, name and picture draw nothing.
    source_hash = models.CharField(max_length=64)
    drawn_at = models.DateTimeField()

    class Meta:
        verbose_name = "social card"

    def __str__(self):
        return f"Social card of page {self.page_id}"


def card_for(page):
    """The page's drawn card, or None; fetched once per page object (the meta tags and the
    share links both ask)."""
    if not hasattr(page, "_social_card_found"):
        found = SocialCard.objects.filter(page_id=page.pk).first() if page.pk else None
        page._social_card_found = found
    return page._social_card_found
