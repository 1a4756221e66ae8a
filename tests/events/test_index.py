"""The events index: upcoming events soonest first, past ones on their own paginated list,
and, with none coming up, a plain word and the way to hear of the next."""

import pytest
from bs4 import BeautifulSoup

from events.forms import PAGE_SIZE
from tests.events.factories import event_in


def titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [title.get_text(strip=True) for title in html.select(".event-card .card__title")]


def event(parent, title, start_in_days, hours=1):
    return event_in(start_in_days, parent, title, hours=hours)


def test_upcoming_events_come_soonest_first_and_past_ones_on_their_own_list(events_index, client):
    event(events_index, "Next month", 30)
    event(events_index, "Next week", 7)
    event(events_index, "Last week", -7)
    event(events_index, "Last month", -30)
    # Under way: it has started but not ended, so it is still to be found under "upcoming".
    event(events_index, "Under way", -1, hours=48)

    response = client.get("/events/")
    assert titles(response) == ["Under way", "Next week", "Next month"]
    html = BeautifulSoup(response.content, "html.parser")
    past_link = html.find("a", string="Past events")
    assert past_link["href"] == "/events/past/"

    past = client.get("/events/past/")
    assert titles(past) == ["Last week", "Last month"]
    html = BeautifulSoup(past.content, "html.parser")
    assert html.h1.get_text(strip=True) == "Past events"
    assert html.title.get_text(strip=True).startswith("Past events: Events")
    assert html.select_one("link[rel=canonical]")["href"] == "http://localhost/events/past/"


def test_the_past_list_is_paginated(events_index, client):
    for n in range(PAGE_SIZE + 2):
        event(events_index, f"Past {n:02}", -1 - n)
    first = client.get("/events/past/")
    assert len(titles(first)) == PAGE_SIZE
    assert titles(first)[0] == "Past 00"
    second = client.get("/events/past/?page=2")
    assert titles(second) == [f"Past {PAGE_SIZE:02}", f"Past {PAGE_SIZE + 1:02}"]
    html = BeautifulSoup(first.content, "html.parser")
    assert html.select_one(".pagination a[rel=next]")["href"] == "?page=2"


@pytest.mark.parametrize(
    "page", ["0", "-1", "abc", "9" * 40, "1.5", "%00", "<script>", "2&page=x", ""]
)
def test_a_bad_page_number_is_ignored_never_an_error(events_index, client, page):
    event(events_index, "Last week", -7)
    for path in ("/events/", "/events/past/"):
        response = client.get(path, {"page": page})
        assert response.status_code == 200, (path, page)
        assert b"<script>" not in response.content
    assert titles(client.get("/events/past/", {"page": page})) == ["Last week"]


def test_a_page_past_the_last_shows_the_last(events_index, client):
    event(events_index, "Last week", -7)
    assert titles(client.get("/events/past/?page=99")) == ["Last week"]


def test_with_no_event_coming_up_the_index_says_so_and_points_to_the_newsletter(
    events_index, client
):
    response = client.get("/events/")
    html = BeautifulSoup(response.content, "html.parser")
    empty = html.select_one(".events-empty")
    assert "No events are planned at the moment." in empty.get_text()
    assert empty.find("a")["href"] == "/newsletter/"
    assert not html.select(".event-card")
    # No calendar of nothing, and no list of past events while there are none.
    assert html.find("a", string="Subscribe to the events calendar") is None
    assert html.find("a", string="Past events") is None
    past = BeautifulSoup(client.get("/events/past/").content, "html.parser")
    assert "No event has happened yet." in past.select_one(".page-body").get_text()


def test_drafts_and_private_events_are_not_listed(events_index, client):
    draft = event(events_index, "A draft", 7)
    draft.unpublish()
    assert titles(client.get("/events/")) == []
