"""A film's video host sees nothing of a visitor until the visitor presses play."""

import re
from urllib.parse import urlsplit

import pytest

from publications.models import FilmPage

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PLAYER = re.compile(r"^https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ")


@pytest.fixture
def film(demo_site):
    film = FilmPage.objects.get(slug="the-practice-of-kindness-film")
    film.video_url = VIDEO
    # A film with a video cannot be published without its transcript.
    film.transcript = "<p>What the film says, for those who cannot watch it.</p>"
    film.save_revision().publish()
    return film


@pytest.fixture
def recorded(page, live_server):
    """Every request the page makes; the player's host answers with a stub (no network)."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    own_host = urlsplit(live_server.url).netloc

    def handle(route):
        url = route.request.url
        if urlsplit(url).netloc == own_host:
            route.continue_()
        elif PLAYER.match(url):
            route.fulfill(status=200, content_type="text/html", body="<title>Player</title>")
        else:
            route.abort()

    page.context.route("**/*", handle)
    return requests, own_host


def other_hosts(requests, own_host):
    return sorted({urlsplit(url).netloc for url in requests} - {own_host})


def test_nothing_loads_from_the_video_host_until_play_is_pressed(film, page, recorded):
    requests, own_host = recorded
    page.goto(film.url)
    page.wait_for_load_state("networkidle")

    assert requests, "the page made no request at all"
    assert other_hosts(requests, own_host) == []
    assert page.locator("iframe").count() == 0
    play = page.get_by_role("link", name=re.compile("Play the film"))
    assert play.get_attribute("href") == VIDEO

    with page.expect_request(PLAYER):
        play.click()
    player = page.locator("iframe")
    player.wait_for()
    assert PLAYER.match(player.get_attribute("src"))
    assert other_hosts(requests, own_host) == ["www.youtube-nocookie.com"]
    assert page.url.endswith(film.url)


def test_play_works_from_the_keyboard(film, page, recorded):
    requests, own_host = recorded
    page.goto(film.url)
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name=re.compile("Play the film")).focus()
    with page.expect_request(PLAYER):
        page.keyboard.press("Enter")
    page.locator("iframe").wait_for()
    assert other_hosts(requests, own_host) == ["www.youtube-nocookie.com"]


def test_a_film_without_a_video_loads_nothing_from_elsewhere(demo_site, page, recorded):
    requests, own_host = recorded
    page.goto(FilmPage.objects.get(slug="the-place-of-kindness-film").url)
    page.wait_for_load_state("networkidle")
    assert page.locator(".video-pending img").is_visible()
    assert other_hosts(requests, own_host) == []
