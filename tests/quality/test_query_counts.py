"""Every page type renders in at most 12 SQL queries, and in as many with the content grown.

Counted with the page cache off, once a first GET has made the pictures' renditions and
filled the site's cache (as on a site that has been up a while): a list that loads its
items' authors, types or strands one at a time costs more with more items, and fails here.
Wagtail also keeps renditions in the cache, which would hide a list that loads its pictures'
renditions one by one, so those are counted again with the cache emptied.

The content is grown once for this module (`load_demo_content --scale 3`, three times the
real content), inside a transaction rolled back at the end, so the rest of the run still
sees the demo site. The counts at demo size are taken first, in the same transaction.
"""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from kindness.demo import generated_image
from news.models import NewsAuthor, NewsPostPage
from people.models import PersonPage
from publications.models import PublicationPage

MAX_QUERIES = 12
RENDITIONS = '"wagtailimages_rendition"'
SCALE = 3

PAGES = {
    "home": "/",
    "strand index": "/programme/",
    "strand": "/programme/kinder-communities/",
    "library": "/library/",
    "filtered library": "/library/?strand=kindness-and-public-policy&type=report",
    "publication": "/library/kindness-emotions-and-human-relationships/",
    "film": "/library/the-place-of-kindness-film/",
    "person": "/people/jennifer-wallace/",
    "people index": "/people/",
    "content page": "/about/",
    "privacy notice": "/privacy/",
    "search": "/search/?q=kindness",
    "sitemap": "/sitemap.xml",
    "sitemap section": "/sitemap-publications.xml",
    "library's authors": "/library-authors.json",
    "feed": "/feed/",
    "news": "/news/",
    "filtered news": "/news/?strand=kinder-communities",
    "news post": "/news/the-courage-to-be-kind-published/",
    "news feed": "/news/feed/",
}


def uncached_queries(client, url):
    """The SQL of a GET of `url` with the page cache off, and the rendition queries of one
    with the cache emptied too."""
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as warm:
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            client.get(url)
    renditions = [query["sql"] for query in cold.captured_queries if RENDITIONS in query["sql"]]
    # A view's savepoint is a SAVEPOINT and a RELEASE inside the test's transaction, and
    # no statement at all in production (a transaction opened by the database driver).
    queries = [query["sql"] for query in warm.captured_queries if "SAVEPOINT" not in query["sql"]]
    return queries, renditions


def show_pictures_at_demo_size():
    """A photo for a person the people index, the home page and her page list, covers
    for publications a person page and a publication's related list show, and a picture
    for a post of hers.

    The real demo content has no photos or covers (nobody knows them yet), and a list
    with no picture at all fetches no renditions: without these the demo size would cost a
    query fewer than the grown size, whose generated pages have pictures, for no fault.
    """
    person = PersonPage.objects.get(slug="jennifer-wallace")
    person.photo = generated_image("Portrait", "A placeholder portrait", (200, 200), "p.png")
    person.save()
    for slug in (
        "quantifying-kindness-public-engagement-and-place",
        "public-policy-and-the-infrastructure-of-kindness-in-scotland",
    ):
        publication = PublicationPage.objects.get(slug=slug)
        publication.image = generated_image("Cover", "A placeholder cover", (120, 170), "c.png")
        publication.save()
    # A picture and an author for a post of hers, which the news index, its feed, the
    # strand page and her page list: generated posts have both.
    post = NewsPostPage.objects.get(slug="the-place-of-kindness-published")
    post.image = generated_image("News", "A placeholder picture", (240, 135), "n.png")
    post.save()
    NewsAuthor.objects.create(page=post, person=person)


@pytest.fixture(scope="module")
def at_demo_size(django_db_setup, django_db_blocker):
    """Each page's queries at demo size; the content is then grown for the module's tests."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            show_pictures_at_demo_size()
            client = Client()
            counted = {name: uncached_queries(client, url) for name, url in PAGES.items()}
            call_command("load_demo_content", scale=SCALE, stdout=StringIO())
            yield counted
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.mark.parametrize("name", PAGES)
def test_a_page_costs_at_most_12_queries_however_much_content(at_demo_size, db, client, name):
    few, few_renditions = at_demo_size[name]
    assert len(few) <= MAX_QUERIES, "\n".join(few)
    many, many_renditions = uncached_queries(client, PAGES[name])
    assert len(many) == len(few), "\n".join([*few, "--- with the content grown:", *many])
    assert len(many_renditions) == len(few_renditions), "\n".join(
        [*few_renditions, "--- with the content grown:", *many_renditions]
    )


def test_the_grown_content_is_there(at_demo_size, db):
    # So that the equal counts above compare a small site with a bigger one.
    assert PublicationPage.objects.live().count() == SCALE * 7
    assert PersonPage.objects.live().count() == SCALE * 7
    assert NewsPostPage.objects.live().count() == SCALE * 6
