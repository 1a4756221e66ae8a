"""Fifty readers downloading the same file at the same moment make fifty downloads."""

import threading

import pytest
from django.db import connections
from django.test import Client

from publications.models import DownloadCount, PublicationPage
from tests.publications.readers import BROWSER

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres(reason="where requests truly run at once"),
]
DOWNLOADS = 50


def test_concurrent_downloads_of_one_file_count_each_one(demo):
    page = PublicationPage.objects.live().filter(downloads__isnull=False).first()
    url = f"{page.url}download/1/"
    start = threading.Barrier(DOWNLOADS)
    statuses = []

    def download():
        try:
            client = Client(headers={"User-Agent": BROWSER})
            start.wait()
            statuses.append(client.get(url).status_code)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=download) for _ in range(DOWNLOADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * DOWNLOADS
    # One row, for the first file on today's date, however the fifty raced to make it.
    row = DownloadCount.objects.get()
    assert (row.page_id, row.document_id) == (page.pk, page.downloads_for_display()[0].document_id)
    assert row.count == DOWNLOADS
