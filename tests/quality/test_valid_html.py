"""The Nu HTML Checker finds no error in any page of the site, nor in the newsletter's
email."""

from newsletter.issues import issue_email, preview_subscriber
from tests.browser.pages import quality_pages
from tests.charts.chart_examples import chart_page
from tests.newsletter.issue_pages import demo_issue
from tests.publications.report_examples import chapter_paths, chaptered_report
from tests.quality.vnu import assert_valid_html


def test_every_page_is_valid_html(demo, client, tmp_path):
    documents = {}
    for site_page in quality_pages():
        response = client.get(site_page.path)
        assert response.status_code == site_page.status, site_page
        documents[str(site_page)] = response.content
    assert_valid_html(documents, tmp_path)


def test_a_page_with_every_kind_of_chart_is_valid_html(home, client, tmp_path):
    page = chart_page(home)
    assert_valid_html({"charts": client.get(page.url).content}, tmp_path)


def test_every_chapter_of_a_report_is_valid_html(library, client, tmp_path):
    page = chaptered_report(library)
    documents = {}
    for path in chapter_paths(page):
        response = client.get(path)
        assert response.status_code == 200, path
        documents[path] = response.content
    assert len(documents) == 3
    assert_valid_html(documents, tmp_path)


def test_a_newsletter_issues_email_is_valid_html(demo, admin_user, tmp_path):
    """The demo's issue, with every kind of block (a quote added to those it has), as the
    email a subscriber receives: its HTML part, and the test send's."""
    issue = demo_issue()
    quote = issue.body.stream_block.child_blocks["quote"]
    issue.body.append(("quote", quote.to_python({"quote": "Kindness is a choice."})))
    kinds = {block.block_type for block in issue.body}
    assert kinds == set(issue.body.stream_block.child_blocks), kinds
    documents = {}
    for label, test in (("email", False), ("test email", True)):
        message = issue_email(
            issue, preview_subscriber(admin_user), message_id="<check@localhost>", test=test
        )
        ((html, mimetype),) = message.alternatives
        assert mimetype == "text/html"
        documents[label] = html.encode()
    assert_valid_html(documents, tmp_path)
