"""Staff read the downloads in the admin: a report by publication and month, and a total."""

import csv
import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission

from publications.models import DownloadCount
from tests.html import soup, visible_text
from tests.publications.factories import PdfDocumentFactory, PublicationPageFactory
from tests.two_factor import sign_in_to_admin

REPORT = "/admin/reports/downloads/"


@pytest.fixture
def publications(library):
    """Two publications with downloads over two months, one of them in two files."""
    courage = PublicationPageFactory(parent=library, title="The courage to be kind")
    quantifying = PublicationPageFactory(parent=library, title="Quantifying kindness")
    full, summary, other = PdfDocumentFactory(), PdfDocumentFactory(), PdfDocumentFactory()
    for page, document, day, count in [
        (courage, full, datetime.date(2026, 10, 3), 4),
        (courage, full, datetime.date(2026, 10, 31), 1),
        (courage, summary, datetime.date(2026, 10, 31), 2),
        (courage, full, datetime.date(2026, 11, 1), 5),
        (quantifying, other, datetime.date(2026, 11, 30), 3),
    ]:
        DownloadCount.objects.create(page=page, document=document, day=day, count=count)
    return courage, quantifying


def table_rows(response):
    return [
        [visible_text(cell) for cell in row.select("td")]
        for row in soup(response).select("table.listing tbody tr")
    ]


def test_the_report_adds_up_each_publication_month_by_month(publications, approver):
    assert table_rows(approver.get(REPORT)) == [
        ["Quantifying kindness", "November 2026", "3"],
        ["The courage to be kind", "November 2026", "5"],
        ["The courage to be kind", "October 2026", "7"],
    ]


def test_the_report_filters_by_months_and_publication(publications, approver):
    courage, _ = publications
    assert table_rows(approver.get(REPORT, {"since": "2026-11", "until": "2026-11"})) == [
        ["Quantifying kindness", "November 2026", "3"],
        ["The courage to be kind", "November 2026", "5"],
    ]
    # The last day of a month belongs to it.
    assert table_rows(approver.get(REPORT, {"until": "2026-10"})) == [
        ["The courage to be kind", "October 2026", "7"],
    ]
    assert table_rows(approver.get(REPORT, {"publication": courage.pk})) == [
        ["The courage to be kind", "November 2026", "5"],
        ["The courage to be kind", "October 2026", "7"],
    ]
    # A month typed wrongly is said to be wrong, not a crash.
    assert approver.get(REPORT, {"since": "October", "publication": "x"}).status_code == 200


def test_the_report_exports_as_csv_and_xlsx(publications, approver):
    response = approver.get(REPORT, {"export": "csv", "publication": publications[0].pk})
    assert response["Content-Disposition"] == 'attachment; filename="downloads.csv"'
    text = b"".join(response.streaming_content).decode()
    assert list(csv.reader(io.StringIO(text))) == [
        ["Publication", "Month", "Downloads"],
        ["The courage to be kind", "2026-11", "5"],
        ["The courage to be kind", "2026-10", "7"],
    ]
    response = approver.get(REPORT, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Publication", "Month", "Downloads"],
        ["Quantifying kindness", "2026-11", 3],
        ["The courage to be kind", "2026-11", 5],
        ["The courage to be kind", "2026-10", 7],
    ]


def staff_member(django_user_model, *permissions):
    user = django_user_model.objects.create_user("staff", "staff@example.org", "a-long-password")
    group = Group.objects.create(name="Staff")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", *permissions]))
    user.groups.add(group)
    return user


def test_only_staff_with_the_permission_see_the_report(publications, client, django_user_model):
    sign_in_to_admin(client, staff_member(django_user_model))
    # Wagtail sends a user without the permission back to the dashboard.
    for response in (client.get(REPORT), client.get(REPORT, {"export": "csv"})):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert REPORT not in admin_menu(client)

    staff = django_user_model.objects.get()
    staff.groups.get().permissions.add(Permission.objects.get(codename="view_downloadcount"))
    sign_in_to_admin(client, staff)
    assert client.get(REPORT).status_code == 200
    assert REPORT in admin_menu(client)


def admin_menu(client):
    """The admin menu, as the JSON the admin's sidebar is drawn from."""
    html = BeautifulSoup(client.get("/admin/").content, "html.parser")
    return html.select_one("#wagtail-sidebar-props").string


def test_the_edit_view_shows_the_publications_total(publications, approver):
    courage, quantifying = publications
    html = soup(approver.get(f"/admin/pages/{courage.pk}/edit/"))
    panel = html.find(string=lambda text: text and "Downloaded" in text).find_parent("p")
    assert visible_text(panel).startswith("Downloaded 12 times so far")
    assert panel.a["href"] == f"{REPORT}?publication={courage.pk}"
    DownloadCount.objects.filter(page=quantifying).delete()
    html = soup(approver.get(f"/admin/pages/{quantifying.pk}/edit/"))
    assert html.find(string=lambda text: text and "Not downloaded yet" in text)
