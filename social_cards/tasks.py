"""Drawing each page's card on the "documents" worker, when the page is published.

Publishing (or unpublishing) any page queues `draw_social_card` once the publish is
committed, and saving a site (its name is on every card) queues `redraw_site_cards`. The
task draws the card only when what it shows has changed (its title, its type, the
programme's name, its picture), stores it under a new name and removes the old file; a
page no longer live, or behind a password or login, loses its card instead.
"""

import hashlib
import json
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django_tasks import task
from PIL import Image as PillowImage
from wagtail.models import Page, PageViewRestriction, Site

from delivery import page_cache
from social_cards import drawing
from social_cards.models import SocialCard

logger = logging.getLogger(__name__)

# Drawn again when the drawing changes: part of every card's digest.
DESIGN_VERSION = 1


def card_type(page):
    """What kind of page it is, as the card says it: the page type's `social_card_type`
    ("" for none), or its verbose name ("Strand", "Film")."""
    kind = getattr(page, "social_card_type", None)
    if kind is None:
        kind = capfirst(page._meta.verbose_name)
    return str(kind)


def programme_name(page):
    site = page.get_site()
    return (site.site_name if site and site.site_name else "") or settings.WAGTAIL_SITE_NAME


def picture_of(page):
    """The page's own picture (a cover, a poster, a photo) as a Wagtail image, or None."""
    method = getattr(page, "share_image_from_content", None)
    return method() if callable(method) else None


def open_picture(image):
    """The image's file as a Pillow image, or None (with a warning) when it cannot be read."""
    try:
        with image.open_file() as handle:
            picture = PillowImage.open(handle)
            picture.load()
            return picture
    except (OSError, ValueError):
        logger.warning("Social card drawn without image %s: its file cannot be read", image.pk)
        return None


def is_private(page):
    return PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()


@task(backend="documents")
def draw_social_card(page_id):
    """Draw the live page's card, unless the one it has shows the same.

    The page's row is locked meanwhile, so two workers never draw one page's card at once.
    """
    with transaction.atomic():
        return draw(page_id)


def draw(page_id):
    page = Page.objects.select_for_update().filter(pk=page_id).first()
    record = SocialCard.objects.filter(page_id=page_id).first()
    if page is None:
        return "nothing to draw: deleted"
    page = page.specific
    if not page.live or is_private(page):
        if record:
            record.delete()  # and its file (delete_card_file)
            page_cache.invalidate_page(page)
            return "removed: not public"
        return "nothing to draw: not public"
    title, kind, programme = page.title, card_type(page), programme_name(page)
    image = picture_of(page)
    source = [DESIGN_VERSION, title, kind, programme, image.file.name if image else None]
    digest = hashlib.sha256(json.dumps(source).encode()).hexdigest()
    if record and record.source_hash == digest:
        return "unchanged"
    picture = open_picture(image) if image else None
    drawn = drawing.draw_card(title, kind, programme, picture)
    # What the card reads, top to bottom.
    alt = f"{kind + ': ' if kind else ''}{title}. {programme}"
    old_file = record.file.name if record else None
    record = record or SocialCard(page=page)
    record.file.save(f"{page.pk}-{digest[:16]}.{drawn.extension}", ContentFile(drawn.data), False)
    record.width, record.height, record.alt = drawn.width, drawn.height, alt[:400]
    record.source_hash, record.drawn_at = digest, timezone.now()
    record.save()
    if old_file and old_file != record.file.name:
        # Once committed: a rolled-back save must not lose the card the row still names.
        storage = record.file.storage
        transaction.on_commit(lambda: storage.delete(old_file), robust=True)
    page_cache.invalidate_page(page)
    return "drawn"


def queue_card(sender, instance, **kwargs):
    """page_published, page_unpublished: (re)draw the page's card once that is committed.

    `robust`: a queue that cannot be reached is logged, and the publish still succeeds.
    """
    page_id = instance.pk
    transaction.on_commit(lambda: draw_social_card.enqueue(page_id), robust=True)


@task(backend="documents")
def redraw_site_cards(site_id):
    """Every live page's card of the site, after the site was saved: those whose programme
    name is unchanged show the same and are kept."""
    site = Site.objects.filter(pk=site_id).select_related("root_page").first()
    if site is None:
        return "nothing to draw: deleted"
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True)
    drawn = 0
    for page_id in pages.values_list("pk", flat=True):
        with transaction.atomic():
            drawn += draw(page_id) == "drawn"
    return f"{drawn} drawn"


def queue_site_cards(sender, instance, **kwargs):
    """post_save of a Site: redraw its pages' cards once that is committed."""
    site_id = instance.pk
    transaction.on_commit(lambda: redraw_site_cards.enqueue(site_id), robust=True)


def delete_card_file(sender, instance, **kwargs):
    """post_delete of a SocialCard (its page deleted, or no longer public): its file too,
    once the deletion is committed."""
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name), robust=True)
