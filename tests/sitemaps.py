"""Reading the sitemap as a search engine does: its index, then every section it names."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def fetch_xml(client, url, **headers):
    parts = urlsplit(url)
    response = client.get(
        parts.path, query_params=dict([parts.query.split("=")]) if parts.query else None, **headers
    )
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/xml")
    return response, ET.fromstring(response.content)


def section_urls(client, index="/sitemap.xml", **headers):
    """The address of each document the sitemap index lists."""
    _, root = fetch_xml(client, index, **headers)
    assert root.tag == f"{SITEMAP}sitemapindex"
    return [element.findtext(f"{SITEMAP}loc") for element in root.iter(f"{SITEMAP}sitemap")]


def entries_of(root):
    return [
        (url.findtext(f"{SITEMAP}loc"), url.findtext(f"{SITEMAP}lastmod"))
        for url in root.iter(f"{SITEMAP}url")
    ]


def sitemap_entries(client, index="/sitemap.xml"):
    """(address, last change) of every entry, in the order the sections list them."""
    entries = []
    for url in section_urls(client, index):
        _, root = fetch_xml(client, url)
        entries += entries_of(root)
    return entries
