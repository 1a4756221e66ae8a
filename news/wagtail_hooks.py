"""Wagtail hooks of the news: what the page cache forgets when a post is published, and
what the news shows on the pages of the apps below it (their slots)."""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail import hooks

from delivery.page_cache import page_path
from kindness.slots import SlotComponent
from news.models import NewsPostPage, listing_pages, news_index

# How many posts each listing shows before it links to the news index.
HOME_POSTS = 3
STRAND_POSTS = 3
PERSON_POSTS = 3


@hooks.register("page_cache_paths")
def news_listings(page):
    """A post is listed by the news index and the home page (its parents, forgotten with
    it), the feed, and the pages of its strands and authors."""
    if not isinstance(page, NewsPostPage):
        return []
    return [reverse("news-feed"), *(page_path(listed_on) for listed_on in listing_pages(page))]


class NewsList(SlotComponent):
    """The newest live posts of `posts`, at most `size`, as cards, and a link to the news
    index (filtered to the strand, given one) when there are more."""

    template_name = "news/includes/news_section.html"

    def __init__(self, posts, request, *, size, heading, more_text, strand=None):
        self.posts = posts
        self.request = request
        self.size = size
        self.heading = heading
        self.more_text = more_text
        self.strand = strand

    def get_context_data(self, parent_context=None):
        posts = list(self.posts.live().public().newest_first().for_listing()[: self.size + 1])
        more_url = None
        if len(posts) > self.size:
            posts = posts[: self.size]
            index = news_index(self.request)
            if index is not None:
                more_url = index.get_url(self.request)
                if self.strand is not None:
                    more_url += "?" + urlencode({"strand": self.strand.slug})
        return {
            "news": {
                "posts": posts,
                "more_url": more_url,
                "heading": self.heading,
                "more_text": self.more_text,
            }
        }


@hooks.register("slot:strand_items")
def strand_news(context):
    strand = context["page"]
    if not strand.pk:  # A preview of a strand not yet saved: no post names it.
        return None
    return NewsList(
        strand.news_posts.all(),
        context.get("request"),
        size=STRAND_POSTS,
        heading="News",
        more_text="All this strand's news",
        strand=strand,
    )


@hooks.register("slot:person_written_by")
def person_news(context):
    person = context["page"]
    if not person.pk:
        return None
    return NewsList(
        NewsPostPage.objects.filter(authors__person=person).distinct(),
        context.get("request"),
        size=PERSON_POSTS,
        heading=f"News by {person.title}",
        more_text="All the programme's news",
    )


@hooks.register("slot:home_after_body")
def latest_news(context):
    return NewsList(
        NewsPostPage.objects.all(),
        context.get("request"),
        size=HOME_POSTS,
        heading="Latest news",
        more_text="All the news",
    )
