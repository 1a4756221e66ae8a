"""Previews of an issue in the admin: the web page, the email as sent, its plain text.

As the preview panel does: the editor's form is posted to `.../preview/`, then the preview
is fetched with `?mode=`. The previews show the draft in the form, not what is live.
"""

from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.html import soup, visible_text
from tests.newsletter.issue_pages import demo_issue

DRAFT_WORDS = "What the approver reads before it goes out."


def edit_form(issue):
    return nested_form_data(
        {
            "title": "A draft of the issue",
            "slug": issue.slug,
            "introduction": issue.introduction,
            "body": streamfield([("paragraph", rich_text(f"<p>{DRAFT_WORDS}</p>"))]),
        }
    )


def preview(client, issue, mode):
    url = f"/admin/pages/{issue.pk}/edit/preview/"
    answer = client.post(url, edit_form(issue))
    assert answer.json() == {"is_valid": True, "is_available": True}
    return client.get(url, {"mode": mode, "in_preview_panel": "true"})


def test_the_preview_panel_offers_the_page_the_email_and_its_text(demo, editor):
    html = soup(editor.get(f"/admin/pages/{demo_issue().pk}/edit/"))
    modes = html.select("select[name=preview_mode] option")
    assert {option["value"]: visible_text(option) for option in modes} == {
        "": "Web page",
        "email": "Email (HTML)",
        "text": "Email (plain text)",
    }


def test_the_web_page_preview_shows_the_draft(demo, editor):
    html = soup(preview(editor, demo_issue(), ""))
    assert visible_text(html.h1) == "A draft of the issue"
    assert DRAFT_WORDS in visible_text(html.main)


def test_the_email_preview_is_the_html_as_sent(demo, editor, editor_account):
    response = preview(editor, demo_issue(), "email")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = BeautifulSoup(response.content, "html.parser")
    assert visible_text(html.h1) == "A draft of the issue"
    assert DRAFT_WORDS in visible_text(html.body)
    assert html.find("style") is None
    assert html.h1.get("style")
    assert html.find("a", string="Unsubscribe")


def test_the_text_preview_is_the_plain_text_part(demo, editor):
    response = preview(editor, demo_issue(), "text")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "A draft of the issue" in text
    assert DRAFT_WORDS in text
    assert "Unsubscribe with one click: http" in text
    assert "<p>" not in text
