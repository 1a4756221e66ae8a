"""What machines read: the sitemap, robots.txt, the web app manifest, icons and JSON-LD."""

import datetime
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.utils.timezone import localdate
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Page

from kindness.sitemap import PageSitemap
from tests.html import soup
from tests.programme.factories import StrandPageFactory
from tests.sitemaps import entries_of, fetch_xml, section_urls, sitemap_entries


def test_the_sitemap_lists_every_live_page_with_its_last_change(pages, client):
    for page in pages.values():
        page.save_revision().publish()
    draft = StrandPageFactory(parent=pages["strand index"], title="Draft", live=False)
    entries = sitemap_entries(client)
    urls = dict(entries)
    assert len(urls) == len(entries)
    assert set(urls) == {page.full_url for page in pages.values()}
    assert draft.full_url not in urls
    assert all(loc.startswith("http://localhost/") for loc in urls)
    for page in pages.values():
        page.refresh_from_db()
        assert urls[page.full_url].startswith(localdate(page.last_published_at).isoformat())


def test_robots_txt_points_at_the_sitemap(home, client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_the_manifest_names_the_site_and_its_icons_exist(home, client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Kinder Communities"
    assert manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        icon_response = client.get(icon["src"])
        assert icon_response.status_code == 200
        b"".join(icon_response.streaming_content)


def test_every_page_links_its_favicons_and_manifest(pages, client):
    for page in pages.values():
        head = soup(client.get(page.url)).head
        svg = head.select_one('link[rel="icon"][type="image/svg+xml"]')
        png = head.select_one('link[rel="icon"][type="image/png"]')
        assert svg
        assert png
        assert head.select_one('link[rel="apple-touch-icon"]')
        assert head.select_one('link[rel="manifest"]')["href"] == "/manifest.webmanifest"
        for link in (svg, png):
            response = client.get(link["href"])
            assert response.status_code == 200
            b"".join(response.streaming_content)


def test_favicon_ico_leads_to_the_icon(home, client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    b"".join(response.streaming_content)


def json_ld(html):
    return [json.loads(tag.string) for tag in html.select('script[type="application/ld+json"]')]


def test_the_home_page_describes_the_organisation_and_website(pages, client):
    data = {item["@type"]: item for item in json_ld(soup(client.get("/")))}
    organisation, website = data["Organization"], data["WebSite"]
    assert organisation["name"] == "Carnegie UK Trust"
    assert organisation["url"] == "http://localhost/"
    assert website["name"] == "Kinder Communities"
    assert website["publisher"] == {"@id": organisation["@id"]}
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://localhost/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_other_pages_do_not_repeat_the_site_description(pages, client):
    types = [item["@type"] for item in json_ld(soup(client.get(pages["strand"].url)))]
    assert "WebSite" not in types
    assert "Organization" not in types


def test_the_sitemap_says_what_wagtails_own_would(demo, client, rf):
    """kindness.sitemap writes each entry from the page's row, not the page: the same
    entries as Wagtail's sitemap, which asks every page, whatever its address holds."""
    StrandPageFactory(
        parent=Page.objects.get(url_path="/home/programme/"), title="Café", slug="café-ñandú"
    ).save_revision().publish()
    # A draft saved since: its entry still says when it was published.
    about = Page.objects.get(url_path="/home/about/").specific
    about.last_published_at = about.last_published_at - datetime.timedelta(days=3)
    about.save()
    about.save_revision()
    ours = sitemap_entries(client)
    request = rf.get("/sitemap.xml", HTTP_HOST="localhost")
    wagtails = sitemap_views.sitemap(request, sitemaps={"wagtail": Sitemap})
    wagtails.render()
    # The same entries, section by section rather than in one list.
    assert sorted(ours) == sorted(entries_of(ET.fromstring(wagtails.content)))
    assert "http://localhost/programme/caf%C3%A9-%C3%B1and%C3%BA/" in dict(ours)
    assert client.get("/sitemap.xml")["Last-Modified"] == wagtails["Last-Modified"]


def test_the_sitemap_is_an_index_of_sections_each_of_bounded_size(
    demo, client, monkeypatch, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # The same addresses are asked twice, differently.
    every = sitemap_entries(client)
    # The index names each section at the address it was asked at, as Django's does.
    sections = section_urls(client, HTTP_HOST="localhost")
    assert sections == [
        "http://localhost/sitemap-people.xml",
        "http://localhost/sitemap-programme.xml",
        "http://localhost/sitemap-publications.xml",
        "http://localhost/sitemap-news.xml",
        "http://localhost/sitemap-newsletter.xml",
        "http://localhost/sitemap-events.xml",
    ]
    # With room for three entries a document, the sections run over several, each listed.
    monkeypatch.setattr(PageSitemap, "limit", 3)
    sections = section_urls(client)
    assert "/sitemap-publications.xml?p=2" in [
        urlsplit(url)._replace(scheme="", netloc="").geturl() for url in sections
    ]
    assert len(sections) == sum(-(-count // 3) for count in section_sizes(every))
    documents = [entries_of(fetch_xml(client, url)[1]) for url in sections]
    assert all(1 <= len(entries) <= 3 for entries in documents)
    assert [entry for entries in documents for entry in entries] == every


def section_sizes(entries):
    """How many entries each section has, from the addresses: people, programme, library,
    news, the newsletter's archive, events."""
    people = sum("/people/" in loc for loc, _ in entries)
    library = sum("/library/" in loc for loc, _ in entries)
    news = sum("/news/" in loc for loc, _ in entries)
    newsletter = sum("/newsletter-archive/" in loc for loc, _ in entries)
    events = sum("/events/" in loc for loc, _ in entries)
    programme = len(entries) - people - library - news - newsletter - events
    return [people, programme, library, news, newsletter, events]
