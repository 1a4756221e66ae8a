"""A page an editor made private (a password) stays private on every way in.

Serving a page checks its view restrictions, and lists leave private pages out, in fewer
queries than Wagtail's own way (kindness/navigation.py): these say nothing was lost.
"""

import pytest
from wagtail.models import Page, PageViewRestriction

from publications.models import PublicationPage
from tests.html import soup, visible_text
from tests.sitemaps import sitemap_entries

PASSWORD_PROMPT = "You need a password to access this page."


def make_private(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="a-secret"
    )


def asks_for_password(response):
    return response.status_code == 200 and PASSWORD_PROMPT in response.content.decode()


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    # What rendering does; the page cache forgetting a page made private is another matter.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def library(demo):
    return Page.objects.get(slug="library")


def test_a_private_section_and_every_page_in_it_ask_for_the_password(library, client):
    assert not asks_for_password(client.get("/library/the-courage-to-be-kind/"))
    make_private(library)
    assert asks_for_password(client.get("/library/"))
    assert asks_for_password(client.get("/library/the-courage-to-be-kind/"))
    assert not asks_for_password(client.get("/people/"))


def test_a_private_page_asks_for_the_password_and_its_parent_does_not(demo, client):
    make_private(PublicationPage.objects.get(slug="the-courage-to-be-kind"))
    assert asks_for_password(client.get("/library/the-courage-to-be-kind/"))
    response = client.get("/library/")
    assert not asks_for_password(response)
    assert "The courage to be kind" not in visible_text(soup(response).main)


def test_an_alias_of_a_private_page_asks_for_the_password_too(demo, client):
    source = PublicationPage.objects.get(slug="the-courage-to-be-kind")
    make_private(source)
    source.create_alias(parent=demo, update_slug="courage-again")
    assert asks_for_password(client.get("/courage-again/"))


def test_a_private_content_page_leaves_the_footer_sitemap_and_search(demo, client):
    about = Page.objects.get(slug="about")
    assert "http://localhost/about/" in dict(sitemap_entries(client))
    assert 'class="footer-links__link" href="/about/"' in client.get("/").content.decode()
    results = soup(client.get("/search/?q=programme")).select(".search-result a")
    assert "/about/" in [link["href"] for link in results]
    make_private(about)
    assert asks_for_password(client.get("/about/"))
    assert "http://localhost/about/" not in dict(sitemap_entries(client))
    assert 'class="footer-links__link" href="/about/"' not in client.get("/").content.decode()
    results = soup(client.get("/search/?q=programme")).select(".search-result a")
    assert results
    assert "/about/" not in [link["href"] for link in results]
