"""Download links count each download, without keeping anything about the reader."""

import datetime
import gzip
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document

from publications.models import DownloadCount
from tests.html import soup, visible_text
from tests.publications.factories import (
    PdfDocumentFactory,
    PublicationDownloadFactory,
    PublicationPageFactory,
)
from tests.publications.readers import BROWSER
from tests.queries import assert_same_number

# At any moment the date in these two places differs: they are 26 hours apart.
EARLIEST, LATEST = zoneinfo.ZoneInfo("Etc/GMT+12"), zoneinfo.ZoneInfo("Pacific/Kiritimati")


def publication_with_downloads(library, *titles, slug="the-courage-to-be-kind"):
    page = PublicationPageFactory(parent=library, title="The courage to be kind", slug=slug)
    for position, title in enumerate(titles):
        PublicationDownloadFactory(
            page=page, title=title, document=PdfDocumentFactory(), sort_order=position
        )
    return page


@pytest.fixture
def publication(library):
    return publication_with_downloads(library, "Full report", "Summary")


def download(client, page, position, **headers):
    return client.get(f"{page.url}download/{position}/", headers={"User-Agent": BROWSER, **headers})


def counts(page):
    return sorted(
        (row.document.title, row.day, row.count) for row in DownloadCount.objects.filter(page=page)
    )


def test_each_download_link_goes_through_the_counter_and_keeps_its_text(publication, client):
    links = soup(client.get(publication.url)).select(".downloads a")
    assert [link["href"] for link in links] == [
        "/library/the-courage-to-be-kind/download/1/",
        "/library/the-courage-to-be-kind/download/2/",
    ]
    sizes = [
        filesizeformat(d.document.file_size).replace("\xa0", " ")
        for d in publication.downloads.order_by("sort_order")
    ]
    assert [visible_text(link) for link in links] == [
        f"Full report (PDF, {sizes[0]})",
        f"Summary (PDF, {sizes[1]})",
    ]


def test_a_download_redirects_to_the_file_and_counts_one(publication, client):
    full_report, summary = (d.document for d in publication.downloads.order_by("sort_order"))
    response = download(client, publication, 2)
    assert response.status_code == 302
    assert response["Location"] == summary.url
    # The file itself is there, where the redirect points.
    file = client.get(response["Location"])
    assert file.status_code == 200
    # Read to the end, which closes the file (the test client's own wrapper does it).
    assert b"".join(file.streaming_content).startswith(b"%PDF")
    download(client, publication, 2)
    download(client, publication, 1)
    today = timezone.localdate()
    assert counts(publication) == [(full_report.title, today, 1), (summary.title, today, 2)]


def fetch_through_the_link(client, page, position, accept_encoding):
    """The file a reader's browser ends up with, following the counted link's redirect."""
    response = download(client, page, position)
    assert response.status_code == 302
    file = client.get(
        response["Location"], headers={"User-Agent": BROWSER, "Accept-Encoding": accept_encoding}
    )
    assert file.status_code == 200
    return file, b"".join(file.streaming_content)


@pytest.mark.parametrize("accept_encoding", ["", "gzip"])
def test_a_downloaded_file_names_no_coding_it_was_not_sent_in(publication, client, accept_encoding):
    """Wagtail's sendfile helper said `Content-Encoding: None` for every local file."""
    file, body = fetch_through_the_link(client, publication, 1, accept_encoding)
    assert file["Content-Type"] == "application/pdf"
    assert "Content-Encoding" not in file
    assert body.startswith(b"%PDF")
    assert len(body) == int(file["Content-Length"])


def test_a_text_file_is_sent_plain_or_in_a_coding_the_reader_accepts(publication, client):
    table = b"place,volunteers\n" + b"".join(b"Town %d,%d\n" % (n, n) for n in range(200))
    document = Document.objects.create(
        title="The figures", file=ContentFile(table, name="figures.csv"), file_size=len(table)
    )
    PublicationDownloadFactory(page=publication, title="Figures", document=document, sort_order=9)
    file, body = fetch_through_the_link(client, publication, 3, "gzip")
    coding = file.get("Content-Encoding")
    assert coding in (None, "gzip")
    assert (gzip.decompress(body) if coding == "gzip" else body) == table


def test_each_day_has_its_own_count(publication, client):
    with timezone.override(EARLIEST):
        download(client, publication, 1)
        first_day = timezone.localdate()
    with timezone.override(LATEST):
        download(client, publication, 1)
        download(client, publication, 1)
        second_day = timezone.localdate()
    assert first_day < second_day
    title = publication.downloads.get(sort_order=0).document.title
    assert counts(publication) == [(title, first_day, 1), (title, second_day, 2)]


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0)",
        "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
        "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.32.3",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0.0.0",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "WhatsApp/2.23.20.0",
        "",
    ],
)
def test_robots_are_redirected_but_not_counted(publication, client, user_agent):
    response = client.get(
        f"{publication.url}download/1/", headers={"User-Agent": user_agent} if user_agent else {}
    )
    assert response.status_code == 302
    assert not DownloadCount.objects.exists()


def test_head_and_prefetch_are_redirected_but_not_counted(publication, client):
    url = f"{publication.url}download/1/"
    assert client.head(url, headers={"User-Agent": BROWSER}).status_code == 302
    prefetch = client.get(url, headers={"User-Agent": BROWSER, "Sec-Purpose": "prefetch"})
    assert prefetch.status_code == 302
    assert not DownloadCount.objects.exists()
    assert download(client, publication, 1).status_code == 302
    assert DownloadCount.objects.get().count == 1


def test_nothing_about_the_reader_is_kept(publication, client):
    response = download(client, publication, 1, **{"Referer": "https://example.org/"})
    assert not response.cookies
    assert "Set-Cookie" not in response
    # A row has the publication, the file, the day and the count: no column could hold an
    # address, a browser, a referrer or a time of day.
    columns = {field.column for field in DownloadCount._meta.concrete_fields}
    assert columns == {"id", "page_id", "document_id", "day", "count"}
    row = DownloadCount.objects.values().get()
    assert type(row["day"]) is datetime.date
    assert {key: value for key, value in row.items() if key != "id"} == {
        "page_id": publication.pk,
        "document_id": publication.downloads.get(sort_order=0).document_id,
        "day": timezone.localdate(),
        "count": 1,
    }


@override_settings(PAGE_CACHE_SECONDS=60)
def test_the_redirect_is_never_cached(publication, client):
    first, second = download(client, publication, 1), download(client, publication, 1)
    for response in (first, second):
        assert response.status_code == 302
        assert response["X-Cache"] == "bypass"
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        # Not kept by the page cache, nor by a browser, nginx or a CDN in front of the site.
        assert {"no-store", "no-cache", "private", "max-age=0"} <= directives
    assert DownloadCount.objects.get().count == 2


@pytest.mark.parametrize(
    "position", ["0", "3", "99999999999999999999999999", "-1", "one", "1.5", "%00"]
)
def test_a_download_that_is_not_there_is_the_sites_404_page(publication, client, position):
    response = client.get(f"{publication.url}download/{position}/", headers={"User-Agent": BROWSER})
    assert response.status_code == 404
    assert visible_text(BeautifulSoup(response.content, "html.parser").h1) == "Page not found"
    assert not DownloadCount.objects.exists()


def test_a_publication_that_is_not_live_counts_nothing(publication, client):
    url = f"{publication.url}download/1/"
    publication.unpublish()
    assert client.get(url, headers={"User-Agent": BROWSER}).status_code == 404
    assert not DownloadCount.objects.exists()


def test_the_redirect_costs_the_same_queries_however_many_files_and_counts(library, client):
    one = publication_with_downloads(library, "Full report", slug="one")
    five = publication_with_downloads(library, *(f"Part {n}" for n in range(1, 6)), slug="five")
    # Wagtail's site root paths, cached once for every request; the site's settings, made
    # on the first view, after which the site's memo is filled again (delivery/site_memo.py).
    for _ in range(2):
        client.get(library.url)

    def queries(page, position):
        with CaptureQueriesContext(connection) as context:
            assert download(client, page, position).status_code == 302
        return [query["sql"][:120] for query in context.captured_queries]

    first = queries(one, 1)
    for page, position in ((five, 5), (five, 5), (one, 1), (five, 1)):
        assert_same_number(first, queries(page, position))
    today = timezone.localdate()
    assert [row[1:] for row in counts(one)] == [(today, 2)]
    part_1, *_, part_5 = five.downloads.order_by("sort_order")
    assert DownloadCount.objects.get(page=five, document=part_5.document).count == 2
    assert DownloadCount.objects.get(page=five, document=part_1.document).count == 1
