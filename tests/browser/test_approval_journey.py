"""An editor's report goes through approval and goes live on schedule, through the real admin:
two people, each in a browser of their own, signed in with both factors, neither a
superuser (issue #20, "Tests").

The editor writes a publication with a PDF and a chapter holding a chart pasted from a CSV
file, and submits it. The approver finds it awaiting review, previews it as the whole report
and as its PDF, and asks for a change; the editor makes it and submits again; the approver
approves it to go live later. Until then readers behind nginx (the front cache) do not see
it; once the worker's scheduled run has passed its time, they do, in the library and the
feed too. Every notification is an email written, by the email worker, to the mail
directory (var/mail/ in development; the test's own here).
"""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from publications.models import PublicationIndexPage, PublicationPage
from tests.browser.admin_steps import (
    WORKFLOW,
    MailDirectory,
    awaiting_review,
    choose_document_for_download,
    fill_chart,
    footer_action,
    insert_block,
    open_preview,
    request_changes,
    scheduled,
    set_go_live,
    upload_document,
    userbar_item,
)
from tests.conftest import APPROVER_PASSWORD, APPROVER_USERNAME, EDITOR_PASSWORD, EDITOR_USERNAME
from tests.nginx import running_nginx
from tests.servers import run_email_worker
from tests.two_factor import sign_in_in_browser

TITLE = "What the kindness survey found"
REPORT = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SURVEY = "Nation,Agree (%)\nScotland,90\nWales,88\n"
FIXED_SURVEY = SURVEY + "Northern Ireland,86\n"
CHANGES = "Please add Northern Ireland's figure to the chart."
# The chapter's chart, in the report's text.
CHART = "report-0-value-content-0"


@pytest.fixture
def mail_directory(tmp_path, settings):
    """The site's own email backend (queued for the worker), and the worker writing each
    email to a file, as in development (kindness/settings.py)."""
    from kindness import settings as site_settings

    directory = tmp_path / "var" / "mail"
    settings.EMAIL_BACKEND = site_settings.EMAIL_BACKEND
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(directory)
    return MailDirectory(directory)


@pytest.fixture
def front_cache(live_server, tmp_path, settings):
    """nginx in front of the live server (deploy/nginx.conf), and the site told to purge it."""
    directory = tmp_path / "nginx"
    directory.mkdir()
    with running_nginx(directory, live_server.url.removeprefix("http://")) as nginx:
        settings.WAGTAILFRONTENDCACHE = {
            "nginx": {"BACKEND": "delivery.front_cache.PurgeBackend", "LOCATION": nginx.purge_url}
        }
        yield nginx


def sent(messages):
    """(recipient, subject) of each email."""
    return {(str(message["To"]), str(message["Subject"])) for message in messages}


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def readers_see(nginx, path):
    """What a reader gets through nginx: (status, page heading or None)."""
    status, _, body = nginx.get(path)
    heading = BeautifulSoup(body, "html.parser").h1
    return status, heading.get_text(" ", strip=True) if heading else None


def test_an_editors_report_is_approved_and_goes_live_on_the_worker_at_its_time(
    demo_site, editor_account, approver_account, new_page, mail_directory, front_cache, tmp_path
):
    nginx, mail = front_cache, mail_directory
    library = PublicationIndexPage.objects.live().get()
    # As `make run` and the release step do: scheduled publishing queued on the worker.
    call_command("publish_scheduled", "--schedule", stdout=StringIO())
    for path in (library.url, "/feed/"):
        nginx.get(path)
        assert nginx.get(path)[1]["X-Cache-Status"] == "HIT", path

    report = tmp_path / "survey-report.pdf"
    report.write_bytes(REPORT)
    survey = tmp_path / "survey.csv"
    survey.write_text(SURVEY)
    editor, approver = new_page(), new_page()
    sign_in_in_browser(
        editor, EDITOR_USERNAME, EDITOR_PASSWORD, editor_account.totpdevice_set.get()
    )
    sign_in_in_browser(
        approver, APPROVER_USERNAME, APPROVER_PASSWORD, approver_account.totpdevice_set.get()
    )

    # The editor writes the report and submits it.
    upload_document(editor, "The kindness survey (PDF)", report)
    editor.goto(f"/admin/pages/add/publications/publicationpage/{library.pk}/")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_date").fill("2026-11-01")
    editor.locator("#id_summary").fill("How many people agree that kindness matters, by nation.")
    choose_document_for_download(editor, 0, "Full report", "The kindness survey (PDF)")
    report_text = editor.locator("[data-contentpath=report]")
    insert_block(editor, report_text, "Chapter")
    editor.locator("#report-0-value-title").fill("Findings")
    insert_block(editor, report_text, "Chart", nth=1)
    fill_chart(
        editor,
        CHART,
        title="Who agrees that kindness matters",
        description="Nine in ten people in Scotland agree.",
        csv_text=survey.read_text(),
        source="The kindness survey, 2026",
    )
    footer_action(editor, f"Submit to {WORKFLOW}")
    publication = PublicationPage.objects.get(title=TITLE)
    assert not publication.live
    run_email_worker()
    [asked] = mail.new()
    assert (str(asked["To"]), TITLE in str(asked["Subject"])) == (approver_account.email, True)

    # The approver finds it, reads the whole report and its PDF, and asks for a change.
    row = awaiting_review(approver, TITLE)
    assert "editor" in row.inner_text()
    preview = open_preview(approver, row)
    userbar_item(preview, "Preview: Whole report").click()
    preview.wait_for_url("**mode=whole-report")
    whole = preview.locator("main").inner_text()
    assert "Findings" in whole
    assert "Who agrees that kindness matters" in whole
    pdf_link = userbar_item(preview, "Preview: PDF").get_attribute("href")
    pdf = preview.request.get(pdf_link)
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    preview.close()
    request_changes(approver, row, CHANGES)
    assert awaiting_review(approver, TITLE).count() == 0
    run_email_worker()
    [told] = mail.new()
    assert str(told["To"]) == editor_account.email
    assert TITLE in str(told["Subject"])
    assert CHANGES in text_of(told)

    # The editor adds the missing row and submits it again.
    editor.goto(f"/admin/pages/{publication.pk}/edit/")
    survey.write_text(FIXED_SURVEY)
    editor.locator(f"#{CHART}-value-data").fill(survey.read_text())
    footer_action(editor, f"Resubmit to {WORKFLOW}")
    run_email_worker()
    assert {address for address, _ in sent(mail.new())} == {approver_account.email}

    # The approver approves it to go live in ten minutes.
    go_live = (timezone.localtime() + timedelta(minutes=10)).replace(second=0, microsecond=0)
    awaiting_review(approver, TITLE).get_by_role("link", name=TITLE).click()
    approver.wait_for_url(f"**/admin/pages/{publication.pk}/edit/")
    set_go_live(approver, go_live)
    footer_action(approver, "Approve and Publish")
    publication.refresh_from_db()
    assert not publication.live
    assert publication.current_workflow_state is None
    run_email_worker()
    assert {address for address, _ in sent(mail.new())} == {editor_account.email}
    # Both see when it will go live, on their dashboards.
    for person in (editor, approver):
        when = scheduled(person, TITLE).inner_text()
        assert "Goes live" in when
        assert f"{go_live:%H:%M}" in when
        assert "overdue" not in when
    # Not before its time: not at its address, nor in the library or the feed.
    assert readers_see(nginx, publication.url)[0] == 404
    assert TITLE not in nginx.get(library.url)[2].decode()
    assert TITLE not in nginx.get("/feed/")[2].decode()

    # Its time comes, and with it the worker's next scheduled run.
    with time_machine.travel(go_live + timedelta(minutes=1)):
        run_email_worker()
    publication.refresh_from_db()
    assert publication.live
    assert readers_see(nginx, publication.url) == (200, TITLE)
    status, headers, body = nginx.get(publication.url)
    assert headers["X-Cache-Status"] == "HIT"
    assert "Northern Ireland" in body.decode()
    for path in (library.url, "/feed/"):
        assert TITLE in nginx.get(path)[2].decode(), path
