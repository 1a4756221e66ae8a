"""The demo's news: a post for each publication whose day is known, on that day, linking
the publication, its strand and its people; listed on the home page and strand pages."""

from io import StringIO

from django.core.management import call_command
from wagtail.models import Page

from news.models import NewsIndexPage, NewsPostPage
from publications.models import PublicationPage
from tests.html import soup


def test_a_post_for_each_publication_on_its_day(demo):
    posts = {post.slug: post for post in NewsPostPage.objects.live()}
    courage = posts["the-courage-to-be-kind-published"]
    assert courage.display_date == "8 December 2020"
    assert [strand.slug for strand in courage.strands.all()] == [
        "kindness-in-health-and-social-care"
    ]
    # Every post announcing a library publication is dated the day it was published.
    for publication in PublicationPage.objects.filter(date_precision="day"):
        announcing = [post for post in posts.values() if post.date == publication.date]
        assert announcing, publication.title
    assert posts["a-shared-response-published"].date.isoformat() == "2020-12-02"
    # Nothing made up stands in for the programme's words.
    for post in posts.values():
        assert "[Generated]" not in post.title
        assert "lorem" not in str(post.body).lower()


def test_a_posts_links_lead_to_the_publication_strand_and_people(demo, client):
    page = soup(client.get("/news/the-courage-to-be-kind-published/"))
    body_links = {link.get_text(): link["href"] for link in page.select(".stream .rich-text a")}
    assert body_links["The courage to be kind"] == "/library/the-courage-to-be-kind/"
    assert body_links["Ben Thurman"] == "/people/ben-thurman/"
    assert body_links["Dr Elizabeth Kelly"] == "/people/elizabeth-kelly/"
    for href in body_links.values():
        assert client.get(href).status_code == 200, href


def test_the_news_is_in_the_menu_and_on_the_home_and_strand_pages(demo, client):
    home = soup(client.get("/"))
    assert home.select_one("nav[aria-label=Main] a[href='/news/']")
    latest = home.select_one("#news-heading").parent
    assert latest.select_one(".card__title").get_text(strip=True) == (
        "The courage to be kind is published"
    )
    strand = soup(client.get("/programme/north-ayrshire-partnership/"))
    assert [title.get_text(strip=True) for title in strand.select(".news-card .card__title")] == [
        "North Ayrshire: A case study on kindness is published"
    ]


def test_loading_again_adds_no_post(demo):
    before = Page.objects.count()
    call_command("load_demo_content", stdout=StringIO())
    assert Page.objects.count() == before
    assert NewsIndexPage.objects.count() == 1
