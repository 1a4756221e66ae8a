"""Share links: plain, encoded, labelled and safe; progressive buttons; follow links."""

from urllib.parse import parse_qs, urlsplit

import pytest
from wagtail.models import Site

from tests.html import soup, visible_text
from tests.kindness.conftest import AWKWARD_TITLE
from tests.kindness.factories import site_settings

NAMES = {
    *(f"Share on {network}" for network in ("Facebook", "X", "LinkedIn", "Bluesky", "WhatsApp")),
    "Share by email",
}


@pytest.fixture
def strand(pages):
    return pages["strand"]


def share_hrefs(html):
    return {visible_text(a): a["href"] for a in html.select(".share a")}


def query(href):
    return parse_qs(urlsplit(href).query, strict_parsing=True)


def test_every_network_gets_the_encoded_address_and_title(strand, client):
    links = share_hrefs(soup(client.get(strand.url)))
    assert set(links) == NAMES
    url = strand.full_url
    both = f"{AWKWARD_TITLE} {url}"
    assert links["Share on Facebook"].startswith("https://www.facebook.com/sharer/sharer.php?")
    assert query(links["Share on Facebook"]) == {"u": [url]}
    assert links["Share on X"].startswith("https://x.com/intent/post?")
    assert query(links["Share on X"]) == {"url": [url], "text": [AWKWARD_TITLE]}
    assert links["Share on LinkedIn"].startswith("https://www.linkedin.com/sharing/share-offsite/?")
    assert query(links["Share on LinkedIn"]) == {"url": [url]}
    assert links["Share on Bluesky"].startswith("https://bsky.app/intent/compose?")
    assert query(links["Share on Bluesky"]) == {"text": [both]}
    assert links["Share on WhatsApp"].startswith("https://wa.me/?")
    assert query(links["Share on WhatsApp"]) == {"text": [both]}
    assert links["Share by email"].startswith("mailto:?")
    assert query(links["Share by email"]) == {"subject": [AWKWARD_TITLE], "body": [url]}


def test_nothing_in_a_share_address_is_left_unencoded(strand, client):
    for href in share_hrefs(soup(client.get(strand.url))).values():
        encoded = urlsplit(href).query
        for raw in (" ", "&&", '"', "“", "ë", "'", "&text=Kindness &"):
            assert raw not in encoded
        assert "%26" in encoded or "u=" in encoded or "url=" in encoded


def test_share_links_are_named_and_open_safely(strand, client):
    html = soup(client.get(strand.url))
    for link in html.select(".share a"):
        assert visible_text(link) in NAMES
        assert {"noopener", "noreferrer"} <= set(link["rel"])
        if link["href"].startswith("mailto:"):
            assert not link.has_attr("target")
        else:
            assert link["target"] == "_blank"
            # A new tab is announced, without changing the link's name.
            note = html.find(id=link["aria-describedby"])
            assert "new tab" in visible_text(note)


def test_the_title_an_editor_chose_in_the_promote_tab_is_shared(strand, client):
    strand.seo_title = "Kindness in Ayrshire"
    strand.save_revision().publish()
    links = share_hrefs(soup(client.get(strand.url)))
    assert query(links["Share on X"])["text"] == ["Kindness in Ayrshire"]


def test_copy_and_share_buttons_wait_for_javascript(strand, client):
    html = soup(client.get(strand.url))
    section = html.select_one("[data-share]")
    assert section["data-share-url"] == strand.full_url
    for selector in ("[data-share-copy]", "[data-share-native]"):
        button = section.select_one(selector)
        assert button.name == "button"
        assert button.find_parent("li").has_attr("hidden")
    status = section.select_one("[data-share-status]")
    assert status["role"] == "status"
    assert status["aria-live"] == "polite"


def test_no_script_or_frame_comes_from_another_site(pages, client):
    for page in pages.values():
        html = soup(client.get(page.url))
        assert not html.find("iframe")
        for script in html.find_all("script"):
            if script.has_attr("src"):
                assert script["src"].startswith("/static/")
            else:
                assert script["type"] == "application/ld+json"  # data, not code


def test_every_page_offers_sharing(pages, client):
    for page in pages.values():
        assert soup(client.get(page.url)).select_one(".share h2").get_text() == "Share this page"


def test_follow_on_facebook_shows_only_with_an_address(pages, client):
    def follow_links():
        html = soup(client.get("/"))
        return [a for a in html.find_all("a") if visible_text(a).startswith("Follow")]

    assert follow_links() == []
    site_settings(
        Site.objects.get(is_default_site=True),
        facebook_url="https://www.facebook.com/kindercommunities",
    )
    links = follow_links()
    assert {visible_text(a) for a in links} == {"Follow Kinder Communities on Facebook"}
    assert all(a["href"] == "https://www.facebook.com/kindercommunities" for a in links)


def test_other_social_profiles_are_listed_in_the_footer(pages, client):
    site_settings(
        Site.objects.get(is_default_site=True),
        social_profiles=[
            ("profile", {"label": "Bluesky", "url": "https://bsky.app/profile/example.org"})
        ],
    )
    footer = soup(client.get("/")).find("footer")
    link = footer.find("a", string="Kinder Communities on Bluesky")
    assert link["href"] == "https://bsky.app/profile/example.org"
