"""An Atom feed of the programme's news: the newest posts.

As the library's feed does (publications/feeds.py), the feed names the programme as its
author, for posts that name none (RFC 4287, section 4.1.1).
"""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from programme.models import StrandPage

from .models import NewsIndexPage

FEED_SIZE = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed
    title = "Kinder Communities: news"
    subtitle = "News of the Kinder Communities programme: what it published, did and plans."

    def get_object(self, request):
        return NewsIndexPage.objects.live().first()

    def link(self, news):
        return news.url if news else "/"

    def author_name(self, news):
        site = news.get_site() if news else None
        return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME

    def items(self, news):
        if news is None:
            return []
        strands = Prefetch("strands", queryset=StrandPage.objects.live().order_by("title"))
        return news.posts().newest_first().for_listing().prefetch_related(strands)[:FEED_SIZE]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        # Django's Atom feed says its summaries are HTML: a plain summary's "<" and "&" must
        # reach the reader as written, not as markup.
        return escape(post.summary)

    def item_link(self, post):
        return post.url

    def item_pubdate(self, post):
        return timezone.make_aware(datetime.combine(post.date, time(9)))

    def item_updateddate(self, post):
        return post.last_published_at or self.item_pubdate(post)

    def item_author_name(self, post):
        return ", ".join(post.author_names) or None

    def item_categories(self, post):
        return [strand.title for strand in post.strands.all()]
