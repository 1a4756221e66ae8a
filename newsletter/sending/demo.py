"""The demo's past issue, recorded as sent: the admin's list of sends is not empty either."""

from newsletter.models import Campaign, NewsletterIssuePage


def record_past_issue_sent(slug):
    """A finished send of the published issue `slug`, unless it has one already. The demo
    has no subscribers, so it went to no one; its times are the issue's publication."""
    issue = NewsletterIssuePage.objects.live().filter(slug=slug).first()
    if issue is None or Campaign.objects.filter(issue=issue).exists():
        return
    moment = issue.first_published_at
    Campaign.objects.create(
        issue=issue,
        revision_id=issue.live_revision_id,
        subject=issue.title,
        state=Campaign.State.SENT,
        started_at=moment,
        finished_at=moment,
    )
