"""An Atom feed of the newsletter's issues, newest first, as the library's feed is made
(`publications.feeds`): the feed's author is the programme, each entry links the issue's
page and summarises it with its introduction."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from newsletter.pages import NewsletterIndexPage, NewsletterIssuePage

FEED_SIZE = 20


class IssueFeed(Feed):
    feed_type = Atom1Feed
    title = "Kinder Communities newsletter"
    subtitle = "Each issue of the Kinder Communities newsletter, as it was sent."

    def get_object(self, request):
        return NewsletterIndexPage.objects.live().first()

    def link(self, archive):
        return archive.url if archive else "/"

    def author_name(self, archive):
        site = archive.get_site() if archive else None
        return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME

    def items(self, archive):
        if archive is None:
            return []
        return (
            NewsletterIssuePage.objects.child_of(archive)
            .live()
            .public()
            .newest_first()
            .for_listing()[:FEED_SIZE]
        )

    def item_title(self, issue):
        return issue.title

    def item_description(self, issue):
        return issue.introduction

    def item_link(self, issue):
        return issue.url

    def item_pubdate(self, issue):
        return issue.first_published_at

    def item_updateddate(self, issue):
        return issue.last_published_at or issue.first_published_at
