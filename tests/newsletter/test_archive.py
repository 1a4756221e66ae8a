"""The archive: past issues, newest first, a page at a time, at a constant cost."""

import pytest

from newsletter.pages import ARCHIVE_PAGE_SIZE
from tests.html import soup, visible_text
from tests.newsletter.issue_pages import ARCHIVE_PATH, add_issues
from tests.queries import assert_same_number, settled_queries


def titles(response):
    return [visible_text(a) for a in soup(response).select(".newsletter-archive h2 a")]


def test_the_archive_lists_the_demo_issue(demo, client):
    html = soup(client.get(ARCHIVE_PATH))
    assert visible_text(html.h1) == "Newsletter archive"
    (issue,) = html.select(".newsletter-archive__issue")
    link = issue.select_one("h2 a")
    assert link["href"] == "/newsletter-archive/the-courage-to-be-kind-and-north-ayrshire/"
    assert "North Ayrshire Council" in visible_text(issue.select_one(".card__summary"))
    assert issue.select_one("time")["datetime"]


def test_issues_are_newest_first_a_page_at_a_time(demo, client):
    add_issues(ARCHIVE_PAGE_SIZE + 2)
    first = titles(client.get(ARCHIVE_PATH))
    assert len(first) == ARCHIVE_PAGE_SIZE
    # The demo issue was published now; the added ones a day, two days... ago.
    assert first[:3] == [
        "The courage to be kind, and what North Ayrshire learned",
        "Issue number 1",
        "Issue number 2",
    ]
    second = titles(client.get(ARCHIVE_PATH, {"page": 2}))
    assert second == ["Issue number 12", "Issue number 13", "Issue number 14"]
    nav = soup(client.get(ARCHIVE_PATH, {"page": 2})).select_one("nav.pagination")
    assert nav.select_one("a[rel=prev]")["href"] == "?page=1"


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999999999999999999", "2'; --", "\x00"])
def test_a_bad_page_number_shows_a_page_not_an_error(demo, client, page):
    add_issues(ARCHIVE_PAGE_SIZE + 1)
    response = client.get(ARCHIVE_PATH, {"page": page})
    assert response.status_code == 200
    assert titles(response)


def test_an_unpublished_issue_is_not_listed(demo, client):
    (issue,) = add_issues(1)
    issue.unpublish()
    assert "Issue number 1" not in titles(client.get(ARCHIVE_PATH))


def test_the_archive_costs_the_same_queries_with_more_issues(demo, client):
    few = settled_queries(client, ARCHIVE_PATH)
    add_issues(ARCHIVE_PAGE_SIZE * 2)
    many = settled_queries(client, ARCHIVE_PATH)
    assert_same_number(few, many)
