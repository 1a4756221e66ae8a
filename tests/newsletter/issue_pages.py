"""Issues and the archive for the newsletter's page tests: the demo's, and more made here."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from newsletter.models import NewsletterIndexPage, NewsletterIssuePage

DEMO_ISSUE_PATH = "/newsletter-archive/the-courage-to-be-kind-and-north-ayrshire/"
ARCHIVE_PATH = "/newsletter-archive/"


def archive():
    return NewsletterIndexPage.objects.get()


def demo_issue():
    return Page.objects.get(url_path="/home" + DEMO_ISSUE_PATH).specific


def add_issues(count, *, start=1):
    """`count` published issues, each a day older than the one before."""
    parent = archive()
    issues = []
    for n in range(start, start + count):
        issue = parent.add_child(
            instance=NewsletterIssuePage(
                title=f"Issue number {n}",
                slug=f"issue-number-{n}",
                introduction=f"What issue {n} brings.",
                body=[{"type": "paragraph", "value": f"<p>The text of issue {n}.</p>"}],
            )
        )
        issue.save_revision().publish()
        NewsletterIssuePage.objects.filter(pk=issue.pk).update(
            first_published_at=timezone.now() - timedelta(days=n)
        )
        issues.append(issue)
    return issues
