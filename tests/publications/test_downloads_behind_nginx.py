"""Behind nginx (deploy/nginx.conf), every download still reaches the counter, and only once.

nginx's page cache would otherwise turn a HEAD into a GET on its way to the site (so a robot's
HEAD would count) and hold concurrent downloads of one file behind its cache lock.
"""

import pytest

from publications.models import DownloadCount, PublicationPage
from tests.nginx import running_nginx
from tests.publications.readers import BROWSER


@pytest.mark.django_db(transaction=True)
def test_through_nginx_each_get_counts_and_a_head_does_not(live_server, tmp_path):
    publication = PublicationPage.objects.live().filter(downloads__isnull=False).first()
    url = f"{publication.url}download/1/"
    document = publication.downloads_for_display()[0].document
    with running_nginx(tmp_path, live_server.url.removeprefix("http://")) as nginx:
        for method in ("GET", "GET", "HEAD"):
            status, headers, _ = nginx.request(method, url, headers={"User-Agent": BROWSER})
            assert (status, headers["Location"]) == (302, document.url), method
            assert headers.get("X-Cache-Status") in (None, "BYPASS"), method
    assert DownloadCount.objects.get().count == 2
