"""A publication's PDF, made from its HTML report so the two never drift.

Publishing a publication that has a report queues `publications.tasks.generate_publication_pdf`
(on the "documents" worker), which renders `publications/publication_pdf.html` with
WeasyPrint: A4, tagged for accessibility (PDF/UA-1: the document's language, its title,
and its headings as the PDF's structure and bookmarks). The PDF is stored as a Wagtail
document in the "Generated PDFs" collection and offered first among the publication's
downloads; a newer one replaces it, and an editor's own uploads are never touched.

Rendering fetches nothing from another host: the URL fetcher serves the site's own static
files and uploads from storage, and refuses everything else. The document's addresses are
the site's (its `<base>` is the site's root URL), so a link in the PDF to a page of the site
or to a chart's data opens the site, as it would from the web page.
"""

import hashlib
import logging
import mimetypes
from urllib.parse import unquote, urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from wagtail.models import Collection

from kindness.models import SiteSettings

logger = logging.getLogger(__name__)

COLLECTION_NAME = "Generated PDFs"
DOWNLOAD_TITLE = "The report as a PDF"
LANGUAGE = "en-GB"


class LocalFilesOnly(Exception):
    """The PDF asked for something that is not one of the site's static files or uploads."""


def site_url(page=None):
    """The root URL of `page`'s site (the site's public URL without a page), which the
    PDF's relative addresses resolve against."""
    site = page.get_site() if page is not None else None
    return (site.root_url if site else settings.PUBLIC_URL).rstrip("/") + "/"


def fetch_local(url, base_url):
    """The bytes of a static file or an upload that `url` names (in the document whose
    addresses resolve against `base_url`); anything else is refused, and nothing is fetched
    from a host: the files are read where the site keeps them."""
    from weasyprint.urls import URLFetcherResponse

    for prefix, open_file in (
        (urljoin(base_url, settings.STATIC_URL), open_static),
        (urljoin(base_url, settings.MEDIA_URL), open_media),
    ):
        if url.startswith(prefix):
            name = unquote(url[len(prefix) :].split("?")[0].split("#")[0])
            if not name or ".." in name.split("/"):
                break
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, open_file(name), {"Content-Type": content_type})
    raise LocalFilesOnly(f"Refused to fetch {url}: a PDF uses only the site's own files")


def open_static(name):
    found = finders.find(name)
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    with staticfiles_storage.open(name) as handle:  # collected, with hashed names
        return handle.read()


def open_media(name):
    with default_storage.open(name) as handle:
        return handle.read()


def url_fetcher(base_url):
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            return fetch_local(url, base_url)

    return LocalFetcher()


def printable_html(page):
    """The whole report as one HTML document: cover, contents, text and notes."""
    from publications.report import report_parts

    site = page.get_site()
    context = {
        "page": page,
        "parts": report_parts(page, page.get_full_url() or page.url or ""),
        "authors": page.authors_for_display(),
        "organisation": SiteSettings.for_site(site).organisation_name if site else "",
        "language": LANGUAGE,
        "page_url": page.get_full_url(),
        "site_url": site_url(page),
    }
    return render_to_string("publications/publication_pdf.html", context)


def source_hash(html):
    return hashlib.sha256(html.encode()).hexdigest()


def render_pdf(html, base_url=None):
    """PDF bytes for `html`: tagged (PDF/UA-1), its language and title from the HTML. Its
    relative addresses resolve against `base_url` (the site's public URL by default), or
    against the `<base>` it declares, as `printable_html` does: the same address."""
    from weasyprint import HTML

    base_url = base_url or site_url()
    document = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher(base_url))
    return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def generated_collection():
    """The collection generated PDFs are kept in, made the first time it is needed."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)
