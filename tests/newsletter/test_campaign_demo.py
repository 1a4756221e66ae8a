"""The demo's past issue is recorded as sent, once, however often the demo is loaded."""

from io import StringIO

from django.core.management import call_command

from newsletter.models import Campaign
from tests.newsletter.campaigns import an_issue


def test_the_demo_issue_was_sent_once(demo):
    (campaign,) = Campaign.objects.all()
    assert campaign.issue == an_issue()
    assert campaign.state == Campaign.State.SENT
    assert campaign.revision_id == an_issue().live_revision_id
    call_command("load_demo_content", stdout=StringIO())
    assert Campaign.objects.count() == 1
