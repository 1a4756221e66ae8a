"""The demo has an events index and no events, since none are known: the index says so
plainly, points to the newsletter, and is in the menu."""

from bs4 import BeautifulSoup

from events.models import EventIndexPage, EventPage


def test_the_demo_has_an_events_index_in_the_menu_and_no_events(demo, client):
    index = EventIndexPage.objects.get()
    assert index.live
    assert index.get_parent().pk == demo.pk
    assert not EventPage.objects.exists()
    html = BeautifulSoup(client.get("/").content, "html.parser")
    menu = {a.get_text(strip=True): a["href"] for a in html.select(".site-nav__list a")}
    assert menu["Events"] == "/events/"
    # The home page has nothing coming up to show, and shows nothing.
    assert not html.select(".upcoming-events")


def test_the_demos_events_index_says_there_are_none_and_points_to_the_newsletter(demo, client):
    html = BeautifulSoup(client.get("/events/").content, "html.parser")
    empty = html.select_one(".events-empty")
    assert empty.p.get_text(strip=True).startswith("No events are planned at the moment.")
    link = empty.find("a")
    assert link["href"] == "/newsletter/"
    assert link.get_text(strip=True) == "Sign up to the newsletter to hear about events"
