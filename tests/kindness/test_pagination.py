"""One pagination component for every list: search results and the library."""

import pytest
from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.html import visible_text

# The site's context processors look up the Wagtail site.
pytestmark = pytest.mark.django_db


def pagination(count, number, query="", **context):
    request = RequestFactory().get(f"/search/?{query}")
    page_obj = Paginator(range(count), 10).get_page(number)
    html = render_to_string(
        "components/pagination.html", {"page_obj": page_obj, **context}, request=request
    )
    return BeautifulSoup(html, "html.parser")


def test_a_single_page_has_no_page_links():
    assert pagination(10, 1).select_one("nav") is None


def test_links_keep_the_other_query_parameters_and_mark_the_current_page():
    html = pagination(30, 2, "q=kind+words&type=report&page=2")

    links = {visible_text(a): a["href"] for a in html.select("nav.pagination a")}
    assert links == {
        "Previous page": "?q=kind+words&type=report&page=1",
        "Page 1": "?q=kind+words&type=report&page=1",
        "Page 2": "?q=kind+words&type=report&page=2",
        "Page 3": "?q=kind+words&type=report&page=3",
        "Next page": "?q=kind+words&type=report&page=3",
    }
    assert visible_text(html.select_one("[aria-current=page]")) == "Page 2"


def test_many_pages_link_the_ends_and_the_neighbours_with_gaps_between():
    html = pagination(500, 25)

    items = [visible_text(li) for li in html.select(".pagination__list li")]
    assert items == [
        "Previous page",
        "Page 1",
        "…",
        *(f"Page {n}" for n in range(23, 28)),
        "…",
        "Page 50",
        "Next page",
    ]


def test_a_list_can_name_its_previous_and_next_links():
    html = pagination(30, 2, previous="Newer", next="Older")

    assert visible_text(html.select_one("a[rel=prev]")) == "Newer page"
    assert visible_text(html.select_one("a[rel=next]")) == "Older page"
