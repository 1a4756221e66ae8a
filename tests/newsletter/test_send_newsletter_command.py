"""`manage.py send_newsletter` starts what the admin's buttons start."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from newsletter.models import Campaign, Delivery
from tests.newsletter.campaigns import an_issue, subscribe
from tests.servers import run_email_worker


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_test_send_then_the_send(demo):
    subscribe(2)
    issue = an_issue()
    out = StringIO()
    call_command("send_newsletter", issue.slug, "--test-to", "ops@example.org", stdout=out)
    run_email_worker()
    (test,) = mail.outbox
    assert test.to == ["ops@example.org"]
    assert test.subject.startswith("[Test] ")
    assert not Delivery.objects.exists()

    call_command("send_newsletter", str(issue.pk), "--no-input", stdout=out)
    assert "to 2 subscribers" in out.getvalue()
    run_email_worker()
    assert sorted(message.to[0] for message in mail.outbox[1:]) == [
        "reader0@example.org",
        "reader1@example.org",
    ]
    campaign = Campaign.objects.filter(issue=issue).order_by("-pk").first()
    assert campaign.state == Campaign.State.SENT
    assert campaign.deliveries.filter(state=Delivery.State.SENT).count() == 2


@pytest.mark.django_db
def test_an_unknown_issue_or_a_past_time_is_refused(demo):
    with pytest.raises(CommandError, match="No published newsletter issue"):
        call_command("send_newsletter", "no-such-issue", "--no-input")
    with pytest.raises(CommandError, match="future"):
        call_command("send_newsletter", an_issue().slug, "--at", "2001-01-01 09:00", "--no-input")
    assert not Campaign.objects.exclude(state=Campaign.State.SENT).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "message"), [("no\n", "Nothing sent."), ("", "no answer")])
def test_without_a_yes_nothing_is_sent(demo, monkeypatch, typed, message):
    """Asked on the terminal: anything but yes, or no terminal at all (a script's empty
    input), sends nothing, and says so."""
    subscribe(2)
    monkeypatch.setattr("sys.stdin", StringIO(typed))
    with pytest.raises(CommandError, match=message):
        call_command("send_newsletter", an_issue().slug, stdout=StringIO())
    assert not Campaign.objects.exclude(state=Campaign.State.SENT).exists()
