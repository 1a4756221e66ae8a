"""Approvers see, search, filter, export and delete subscribers; editors see none of them."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsletter.models import Subscriber
from newsletter.tasks import purge_unconfirmed_signups
from tests.html import visible_text
from tests.newsletter.conftest import sign_up
from tests.two_factor import sign_in_to_admin

LISTING = "/admin/newsletter_subscribers/"


def subscriber(email, status=Subscriber.Status.CONFIRMED, days_ago=0, **fields):
    moment = timezone.now() - timedelta(days=days_ago)
    row = Subscriber.objects.create(
        email=email,
        status=status,
        consent_text="I agree.",
        consented_at=moment,
        confirmed_at=moment if status == Subscriber.Status.CONFIRMED else None,
        source_path="/library/",
        **fields,
    )
    Subscriber.objects.filter(pk=row.pk).update(created_at=moment)
    return row


@pytest.fixture
def subscribers(db):
    return [
        subscriber("ann@example.org", name="Ann"),
        subscriber("bob@example.org", status=Subscriber.Status.PENDING),
        subscriber("cat@example.org", status=Subscriber.Status.UNSUBSCRIBED, days_ago=40),
    ]


def page_of(response):
    from bs4 import BeautifulSoup

    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def listed_emails(response):
    return {a.get_text(strip=True) for a in page_of(response).select("table tbody td a")} & {
        "ann@example.org",
        "bob@example.org",
        "cat@example.org",
    }


def test_the_listing_shows_every_subscriber_and_the_counts_per_status(approver, subscribers):
    page = page_of(approver.get(LISTING))
    assert listed_emails(approver.get(LISTING)) == {
        "ann@example.org",
        "bob@example.org",
        "cat@example.org",
    }
    counts = visible_text(page.select_one("dl[aria-label='Subscribers by status']"))
    assert counts == "Waiting for confirmation 1 Subscribed 1 Unsubscribed 1 Bounced 0"


def test_search_by_email_or_name(approver, subscribers):
    assert listed_emails(approver.get(LISTING, {"q": "bob@"})) == {"bob@example.org"}
    assert listed_emails(approver.get(LISTING, {"q": "Ann"})) == {"ann@example.org"}


def test_filter_by_status_and_date(approver, subscribers):
    assert listed_emails(approver.get(LISTING, {"status": "pending"})) == {"bob@example.org"}
    since = (timezone.now() - timedelta(days=7)).date().isoformat()
    assert listed_emails(approver.get(LISTING, {"created_at_from": since})) == {
        "ann@example.org",
        "bob@example.org",
    }


def test_export_as_csv_with_the_proof_of_consent(approver, subscribers):
    response = approver.get(LISTING, {"export": "csv", "status": "confirmed"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(body)))
    assert row["Email"] == "ann@example.org"
    assert row["Name"] == "Ann"
    assert row["Status"] == "confirmed"
    assert row["Consent wording"] == "I agree."
    assert row["Consent given"]
    assert row["Confirmed"]
    assert row["Signed up on"] == "/library/"


def test_export_as_xlsx(approver, subscribers):
    response = approver.get(LISTING, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )


def test_delete_a_subscriber_for_the_right_to_erasure(approver, subscribers):
    ann = subscribers[0]
    response = approver.post(f"{LISTING}delete/{ann.pk}/")
    assert response.status_code == 302
    assert not Subscriber.objects.filter(pk=ann.pk).exists()


def test_nobody_adds_a_subscriber_by_hand(approver, subscribers):
    page = page_of(approver.get(LISTING))
    assert not page.select(f"a[href='{LISTING}add/']")
    assert approver.get(f"{LISTING}add/").status_code in {302, 403, 404}


def test_an_editor_sees_no_subscribers(editor, subscribers):
    dashboard = page_of(editor.get("/admin/"))
    assert LISTING not in str(dashboard)
    assert editor.get(LISTING).status_code in {302, 403}
    assert editor.get(LISTING, {"export": "csv"}).status_code in {302, 403}


def test_an_approver_sees_the_listing_and_the_dashboard_panel(approver, subscribers):
    subscriber("dan@example.org", days_ago=2)
    subscriber("eve@example.org", days_ago=9)
    assert approver.get(LISTING).status_code == 200
    panel = page_of(approver.get("/admin/")).select_one("#new-subscribers-heading").parent
    # Ann (today) and Dan (two days ago) confirmed this week; Eve nine days ago.
    assert "2 new confirmed subscribers in the last seven days" in visible_text(panel)


def test_purge_deletes_unconfirmed_signups_after_thirty_days(db):
    subscriber("old@example.org", status=Subscriber.Status.PENDING, days_ago=31)
    subscriber("recent@example.org", status=Subscriber.Status.PENDING, days_ago=29)
    subscriber("confirmed@example.org", days_ago=90)
    subscriber("left@example.org", status=Subscriber.Status.UNSUBSCRIBED, days_ago=90)
    call_command("purge_unconfirmed_signups", stdout=io.StringIO())
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "recent@example.org",
        "confirmed@example.org",
        "left@example.org",
    }


def test_purge_can_be_scheduled_on_the_worker_once(db):
    for _ in range(2):
        call_command("purge_unconfirmed_signups", "--schedule", stdout=io.StringIO())
    queued = DBTaskResult.objects.filter(
        task_path=purge_unconfirmed_signups.module_path, status=TaskResultStatus.READY
    )
    assert queued.count() == 1


def test_a_signup_from_the_site_appears_in_the_listing(approver_account, home):
    # A reader signs up in a browser of their own; the approver looks after subscribers.
    sign_up(Client(), email="reader@example.org")
    approver = sign_in_to_admin(Client(), approver_account)
    assert "reader@example.org" in approver.get(LISTING).content.decode()
