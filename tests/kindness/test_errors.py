"""Redirects from the old site, and the designed 404 and 500 pages."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import path
from wagtail.contrib.redirects.models import Redirect

import kindness.urls
from kindness import views
from tests.html import visible_text


def boom(request):
    raise RuntimeError("Something broke")


# A copy of the site's URLs with one view that fails, to see the 500 page as a visitor does.
urlpatterns = [path("boom/", boom), *kindness.urls.urlpatterns]
handler500 = kindness.urls.handler500


def test_an_old_address_redirects_to_its_new_page(pages, client):
    Redirect.objects.create(
        old_path="/kinder-communities/about.html", redirect_page=pages["strand"]
    )
    response = client.get("/kinder-communities/about.html")
    assert response.status_code == 301
    assert response["Location"] in {pages["strand"].url, pages["strand"].full_url}


def test_a_missing_page_is_a_designed_404(home, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = BeautifulSoup(response.content, "html.parser")
    assert visible_text(html.h1) == "Page not found"
    assert html.select_one("main form[role=search] input[name=q]")
    assert html.select_one("header")
    assert html.select_one("footer")
    assert html.find("a", string="Go to the home page")["href"] == "/"
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_the_500_page_needs_no_database():
    # No `db` fixture: any query here fails the test.
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = BeautifulSoup(response.content, "html.parser")
    assert visible_text(html.h1) == "Sorry, something went wrong"
    assert html.find("a", string="Go to the home page")["href"] == "/"


@pytest.mark.urls("tests.kindness.test_errors")
def test_an_error_shows_the_500_page(home, client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert b"Sorry, something went wrong" in response.content
