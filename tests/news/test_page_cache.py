"""Publishing a post refreshes at once every cached page that lists it: the news index,
the feed, the home page, its strands' and its authors' pages, and the sitemap."""

from tests.news.factories import NewsPostPageFactory

LISTINGS = ["/", "/news/", "/news/feed/", "/news/?strand=kinder", "/sitemap-news.xml"]


def cached(client, urls):
    # Twice first: the first request of a fresh site also creates its settings, which
    # forgets every page (delivery/page_cache.py).
    for _ in range(2):
        for url in urls:
            client.get(url)
    for url in urls:
        assert client.get(url)["X-Cache"] == "hit", url


def test_publishing_a_post_shows_on_every_page_that_lists_it(
    news, strand, other_strand, ben, client
):
    post = NewsPostPageFactory(parent=news, title="Before", strands=[strand], authors=[ben])
    urls = [*LISTINGS, strand.url, ben.url, post.url]
    cached(client, [*urls, other_strand.url])

    post.title = "A fresh headline"
    post.save_revision().publish()
    for url in urls:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
        if "sitemap" not in url:  # The sitemap lists addresses, not titles.
            assert "A fresh headline" in response.content.decode(), url
    # A strand the post is not in keeps its cached page.
    assert client.get(other_strand.url)["X-Cache"] == "hit"


def test_a_post_that_leaves_a_strand_leaves_its_page_at_once(news, strand, other_strand, client):
    post = NewsPostPageFactory(parent=news, title="Moving news", strands=[strand])
    post.save_revision().publish()  # As an editor publishes it, first in the one strand.
    cached(client, [strand.url, other_strand.url])

    post.strands.set([other_strand])
    post.save_revision().publish()
    left = client.get(strand.url)
    assert left["X-Cache"] == "miss"
    assert "Moving news" not in left.content.decode()
    assert "Moving news" in client.get(other_strand.url).content.decode()


def test_unpublishing_takes_a_post_off_every_list(news, strand, ben, client):
    post = NewsPostPageFactory(parent=news, title="Withdrawn news", strands=[strand], authors=[ben])
    urls = ["/", "/news/", "/news/feed/", strand.url, ben.url]
    cached(client, urls)

    post.unpublish()
    for url in urls:
        assert "Withdrawn news" not in client.get(url).content.decode(), url
