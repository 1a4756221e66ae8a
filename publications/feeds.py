"""An Atom feed of the library: the newest publications and films.

RFC 4287 (section 4.1.1) wants an author on the feed unless every entry names one; films
name none, so the feed's author is the programme: the site's name, as editors set it in
Wagtail's sites settings.
"""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .models import LibraryItemPage, PublicationIndexPage

FEED_SIZE = 20


class LibraryFeed(Feed):
    feed_type = Atom1Feed
    title = "Kinder Communities: publications and films"
    subtitle = "New reports, case studies and films from the Kinder Communities programme."

    def get_object(self, request):
        return PublicationIndexPage.objects.live().first()

    def link(self, library):
        return library.url if library else "/"

    def author_name(self, library):
        site = library.get_site() if library else None
        return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME

    def items(self, library):
        if library is None:
            return []
        return (
            LibraryItemPage.objects.child_of(library)
            .live()
            .public()
            .newest_first()
            .for_listing()[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return ", ".join(item.author_names) or None

    def item_categories(self, item):
        return [item.type_label] if item.type_label else []
