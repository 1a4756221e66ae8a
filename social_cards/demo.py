"""The demo's cards: every page the demo publishes queues its own, and a database loaded
before cards were drawn gets them for its pages that have none."""

from wagtail.models import Page

from social_cards.tasks import queue_card


def link():
    """Queue a card for each live page without one. A page this load published is queued
    twice: the second drawing finds the card drawn and draws nothing."""
    for page in Page.objects.live().filter(depth__gt=1, social_card__isnull=True):
        queue_card(Page, page)
