"""An editor's change goes through approval: the approver is told, approves, and it is live;
the editor is told. Through the admin's own forms, as the two roles."""

from django.core import mail
from django.test import Client
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from programme.models import ContentPage
from tests.conftest import staff_member
from tests.two_factor import sign_in_to_admin


def content_page_form(page, title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "introduction": page.introduction,
            "body": streamfield([("paragraph", rich_text("<p>What the programme is.</p>"))]),
            "show_in_footer": "on" if page.show_in_footer else "",
            f"action-{action}": action,
        }
    )


def signed_in(user):
    return sign_in_to_admin(Client(), user)


def test_an_editors_change_is_published_only_once_an_approver_approves_it(
    demo, editor_account, approver_account
):
    # Another editor, who must not be asked to approve anything.
    other_editor = staff_member("another-editor", "another-long-password", "Editors")
    editor, approver = signed_in(editor_account), signed_in(approver_account)
    page = ContentPage.objects.live().get(slug="about")
    live_title = page.title

    response = editor.post(
        f"/admin/pages/{page.pk}/edit/", content_page_form(page, "About us", "submit")
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == live_title
    state = page.current_workflow_state
    assert state.status == "in_progress"
    assert state.current_task_state.task.name == "Moderators approval"
    asked = [message for message in mail.outbox if "About us" in message.subject]
    assert {address for message in asked for address in message.to} == {approver_account.email}
    assert other_editor.email not in {address for message in mail.outbox for address in message.to}

    # The approver finds it awaiting their review on the dashboard.
    dashboard = approver.get("/admin/").content.decode()
    assert "Awaiting your review" in dashboard
    assert "About us" in dashboard
    mail.outbox.clear()

    response = approver.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Good."},
    )
    assert response.status_code in {200, 302}
    page.refresh_from_db()
    assert page.live
    assert page.title == "About us"
    told = {address for message in mail.outbox for address in message.to}
    assert editor_account.email in told
