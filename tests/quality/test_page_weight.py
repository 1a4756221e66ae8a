"""What a page costs a reader to load: little, and all of it from this site.

The weight is what a browser receives: the page and every stylesheet and script it loads,
compressed the way they are sent (Brotli, the static files as collectstatic compressed
them), with the static files served by WhiteNoise from the collected files.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.quality.conftest import fetch, parse, public_pages

# A browser's Accept-Encoding (Chromium's).
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}
# The home page's HTML, CSS and JavaScript together, compressed.
HOME_BUDGET = 50_000
OUR_HOSTS = {"testserver"}
# What the browser fetches by itself as it reads a page (not links it waits to be clicked).
LOADED = [
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("input", "src"),
]
# <link> relations that name a document without loading it.
NOT_LOADED_LINKS = {"alternate", "canonical", "author", "license", "help", "search", "next", "prev"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")


def loaded_urls(html):
    """Every address a page makes the browser load as it reads it, as written."""
    urls = []
    for tag, attribute in LOADED:
        for element in html.find_all(tag):
            value = element.get(attribute)
            if not value:
                continue
            if tag == "link" and set(element.get("rel") or []) & NOT_LOADED_LINKS:
                continue
            if attribute == "srcset":
                urls += [
                    candidate.split()[0] for candidate in value.split(",") if candidate.strip()
                ]
            else:
                urls.append(value)
    for element in html.select("[style]"):
        urls += CSS_URL.findall(element["style"])
    for element in html.select('meta[http-equiv="refresh" i]'):
        urls += re.findall(r"url=(\S+)", element.get("content", ""), re.IGNORECASE)
    return urls


def foreign(base, urls):
    """The addresses among `urls` on another host (data: URLs are inside the page)."""
    others = []
    for url in urls:
        parts = urlsplit(urljoin(base, url.strip()))
        if parts.scheme == "data":
            continue
        if parts.scheme not in {"http", "https"} or parts.hostname not in OUR_HOSTS:
            others.append(url)
    return others


def test_no_page_loads_anything_from_another_host(demo, client):
    """Scripts, styles, pictures, frames, media and icons on every page, and what the
    stylesheets load in turn, all come from this site."""
    problems = {}
    stylesheets = set()
    for label, path, _status in public_pages():
        html = parse(client.get(path))
        base = f"http://testserver{path}"
        if found := foreign(base, loaded_urls(html)):
            problems[f"{label} {path}"] = found
        stylesheets |= {
            urljoin(base, link["href"]) for link in html.select('link[rel~="stylesheet"][href]')
        }
    assert len(stylesheets) >= 4
    for stylesheet in sorted(stylesheets):
        css = fetch(client, urlsplit(stylesheet).path).body.decode()
        if found := foreign(stylesheet, CSS_URL.findall(css)):
            problems[stylesheet] = found
    assert not problems


def test_the_check_knows_another_host_when_it_sees_one():
    html = BeautifulSoup(
        '<link rel="canonical" href="https://elsewhere.example/">'
        '<link rel="stylesheet" href="/static/css/base.css">'
        '<img src="/media/a.jpg" srcset="/media/a.jpg 1x, https://cdn.example/a.jpg 2x" alt="">'
        '<script src="//cdn.example/lib.js"></script><img src="data:image/png;base64,AA" alt="">',
        "html.parser",
    )
    assert foreign("http://testserver/", loaded_urls(html)) == [
        "//cdn.example/lib.js",
        "https://cdn.example/a.jpg",
    ]


def sent_size(client, path):
    """The bytes a browser receives for `path`: (size, the response)."""
    response = fetch(client, path, headers=BROWSER)
    assert response.status_code == 200, (path, response.status_code)
    return len(response.body), response


def resources(path, html):
    """The same-site stylesheets and scripts a page loads."""
    base = f"http://testserver{path}"
    addresses = [link["href"] for link in html.select('link[rel~="stylesheet"][href]')]
    addresses += [script["src"] for script in html.select("script[src]")]
    return [urlsplit(urljoin(base, address)).path for address in addresses]


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        ("/", HOME_BUDGET),
        ("/library/", HOME_BUDGET),
        ("/library/the-place-of-kindness/", HOME_BUDGET),
    ],
)
def test_a_page_with_its_styles_and_scripts_weighs_under_budget(
    demo, collected_static, path, budget
):
    """The home page's HTML, CSS and JavaScript under 50 kB as sent; the library and a
    publication held to the same."""
    plain = collected_static.get(path)
    size, response = sent_size(collected_static, path)
    assert response["Content-Encoding"] == "br"
    weights = {path: size}
    html = parse(plain)
    files = resources(path, html)
    assert any(file.endswith(".css") for file in files)
    for file in files:
        weights[file], static_response = sent_size(collected_static, file)
        # Sent compressed where compressing pays, as collectstatic prepared it.
        if len(static_response.body) > 1_000:
            assert static_response["Content-Encoding"] == "br", file
    total = sum(weights.values())
    assert total < HOME_BUDGET, f"{total} bytes: {weights}"
