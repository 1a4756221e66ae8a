"""The approver's preview (the link in their email and on the dashboard) shows what they are
asked to approve in every preview mode of a publication, not only Wagtail's default: its web
page, the whole report and the PDF; its userbar links each of the others."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Workflow

from publications.models import PublicationIndexPage
from tests.html import soup, visible_text
from tests.publications.factories import PublicationPageFactory
from tests.two_factor import sign_in_to_admin

FIRST, SECOND = "Why we asked the question.", "What the approver must read before it goes out."


def chapter(title, text):
    return {
        "type": "chapter",
        "value": {
            "title": title,
            "slug": "",
            "content": [{"type": "paragraph", "value": f"<p>{text}</p>"}],
        },
    }


@pytest.fixture
def awaiting_approval(demo, editor_account):
    """A report in two chapters that the editor has submitted for approval: its preview's
    address, without a mode."""
    publication = PublicationPageFactory(
        parent=PublicationIndexPage.objects.live().get(),
        title="Kindness in public services",
        live=False,
        report=[chapter("Introduction", FIRST), chapter("Findings", SECOND)],
    )
    publication.save_revision(user=editor_account)
    workflow = Workflow.objects.get(name="Moderators approval")
    state = workflow.start(publication, editor_account)
    return f"/admin/pages/workflow/preview/{publication.pk}/{state.current_task_state.task_id}/"


def address(url):
    """The path and query of a link, absolute or not."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def preview_links(response):
    """The userbar's links to the other modes: {label: address}."""
    # The userbar's items are in a <template>, which the parser reads as text.
    template = soup(response).find("template", id="wagtail-userbar-template")
    items = BeautifulSoup(template.decode_contents(), "html.parser")
    return {
        link.get_text(" ", strip=True).removeprefix("Preview: "): address(link["href"])
        for link in items.select("a[role=menuitem]")
        if "Preview:" in link.get_text()
    }


def test_the_approver_previews_the_web_page_the_whole_report_and_the_pdf(
    awaiting_approval, approver
):
    web_page = approver.get(awaiting_approval)
    assert web_page.status_code == 200
    text = visible_text(soup(web_page).main)
    assert FIRST in text
    assert SECOND not in text  # a report in chapters shows readers one chapter a page
    links = preview_links(web_page)
    assert set(links) == {"Whole report", "PDF"}
    assert links == {
        "Whole report": f"{awaiting_approval}?mode=whole-report",
        "PDF": f"{awaiting_approval}?mode=pdf",
    }

    whole = approver.get(f"{awaiting_approval}?mode=whole-report")
    text = visible_text(soup(whole).main)
    assert FIRST in text
    assert SECOND in text
    assert set(preview_links(whole)) == {"Web page", "PDF"}

    pdf = approver.get(f"{awaiting_approval}?mode=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_an_unknown_mode_is_the_web_page(awaiting_approval, approver):
    response = approver.get(f"{awaiting_approval}?mode=nonsense")
    assert response.status_code == 200
    assert set(preview_links(response)) == {"Whole report", "PDF"}


def test_an_editor_cannot_open_the_approvers_preview(awaiting_approval, editor_account):
    response = sign_in_to_admin(Client(), editor_account).get(f"{awaiting_approval}?mode=pdf")
    # Wagtail's answer to a permission refused in its admin: back to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
