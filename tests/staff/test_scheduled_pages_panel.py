"""The dashboard lists scheduled pages with their times, and says when one is overdue."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Revision

from publications.models import PublicationIndexPage
from tests.html import soup, visible_text
from tests.publications.factories import PublicationPageFactory


def panel(client):
    heading = soup(client.get("/admin/")).find(id="scheduled-pages-heading")
    return heading.parent if heading else None


def scheduled_page(demo):
    library = PublicationIndexPage.objects.live().get()
    page = PublicationPageFactory(parent=library, title="A report for nine", live=False)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()
    return page


def test_an_editor_sees_what_will_go_live_and_when(demo, editor):
    assert panel(editor) is None  # nothing scheduled, no panel
    page = scheduled_page(demo)
    text = visible_text(panel(editor))
    when = timezone.localtime(page.go_live_at).strftime("%-d %B %Y, %H:%M")
    assert f"A report for nine Goes live {when}" in text
    assert "Overdue" not in text
    assert panel(editor).find("a", string="A report for nine")["href"] == (
        f"/admin/pages/{page.pk}/edit/"
    )


def test_a_page_past_its_time_is_overdue_and_the_panel_says_why(demo, approver):
    page = scheduled_page(demo)
    Revision.page_revisions.filter(object_id=str(page.pk)).update(
        approved_go_live_at=timezone.now() - timedelta(minutes=10)
    )
    live = PublicationPageFactory(parent=page.get_parent(), title="An expiring report")
    type(live).objects.filter(pk=live.pk).update(expire_at=timezone.now() + timedelta(days=2))
    text = visible_text(panel(approver))
    assert "Overdue: a page below should already have gone live or expired." in text
    assert "email worker, which is not running" in text
    assert "A report for nine Goes live" in text
    assert "(overdue)" in text
    assert "An expiring report Expires" in text
