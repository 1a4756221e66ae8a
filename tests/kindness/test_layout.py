"""Every page shares one accessible frame: skip link, landmarks, navigation, sharing."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.html import soup, visible_text
from tests.people.factories import PeopleIndexPageFactory
from tests.programme.factories import StrandIndexPageFactory, StrandPageFactory


@pytest.fixture
def strand(home):
    index = StrandIndexPageFactory(parent=home, show_in_menus=True)
    PeopleIndexPageFactory(parent=home, show_in_menus=True)
    return StrandPageFactory(parent=index, title="Kindness & “care” in Ayrshire")


def test_pages_have_a_skip_link_landmarks_and_one_h1(strand, client):
    for url in ("/", strand.get_parent().url, strand.url):
        page = soup(client.get(url))
        skip = page.select_one("a.skip-link")
        assert skip["href"] == "#main"
        assert page.select_one("main#main")
        assert page.select_one("header")
        assert page.select_one("footer")
        assert page.select_one('nav[aria-label="Main"]')
        assert len(page.find_all("h1")) == 1
        assert page.html["lang"] == "en-GB"


def test_navigation_lists_menu_pages_and_marks_the_current_section(strand, client):
    nav = soup(client.get(strand.url)).select_one('nav[aria-label="Main"]')
    assert [visible_text(a) for a in nav.find_all("a")] == ["Home", "The programme", "People"]
    current = nav.select_one("[aria-current]")
    assert visible_text(current) == "The programme"


def test_breadcrumbs_lead_home(strand, client):
    crumbs = soup(client.get(strand.url)).select_one('nav[aria-label="Breadcrumb"]')
    assert [visible_text(a) for a in crumbs.find_all("a")] == [
        "Home",
        "The programme",
        strand.title,
    ]
    assert crumbs.find_all("a")[-1]["aria-current"] == "page"


def test_share_links_carry_the_encoded_address_and_title(strand, client):
    links = soup(client.get(strand.url)).select(".share a")
    by_name = {visible_text(a).replace(" (opens in a new tab)", ""): a["href"] for a in links}
    assert set(by_name) == {
        *(f"Share on {n}" for n in ("Facebook", "X", "LinkedIn", "Bluesky", "WhatsApp")),
        "Share by email",
    }
    x = urlsplit(by_name["Share on X"])
    assert parse_qs(x.query) == {"url": [strand.full_url], "text": [strand.title]}
    assert "%26" in by_name["Share on X"]  # the ampersand in the title is encoded
    assert all("noopener" in a["rel"] for a in links)


def test_canonical_url_is_absolute(strand, client):
    canonical = soup(client.get(strand.url)).select_one('link[rel="canonical"]')["href"]
    assert canonical == strand.full_url
    assert canonical.startswith("http://localhost/")
