"""What the staff app adds to the admin: the guide for editors, in the Help menu, the
dashboard's list of scheduled pages, which says when the schedule is not being kept, the
steps of two-factor sign-in with their place in the account menu, the approver's preview in
every mode, and rich text that is saved however soon after typing the form is sent."""

from datetime import timedelta

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import BaseItem
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Revision, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy

from staff import views
from staff.content_checks import site_content_checks

# Scheduled publishing runs every minute on the worker: a page still waiting this long after
# its time means the worker is not running.
OVERDUE_AFTER = timedelta(minutes=3)


def scheduled_pages(user):
    """(page, what happens, when, overdue) for each page the user may edit, soonest first."""
    now = timezone.now()
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    going_live = list(Revision.page_revisions.filter(approved_go_live_at__isnull=False))
    expiring = editable.filter(live=True, expire_at__isnull=False)
    # A revision names its page by a text id.
    pages = {
        page.pk: page
        for page in editable.filter(pk__in=[int(revision.object_id) for revision in going_live])
    }
    rows = [
        (pages[int(revision.object_id)], "Goes live", revision.approved_go_live_at)
        for revision in going_live
        if int(revision.object_id) in pages
    ] + [(page, "Expires", page.expire_at) for page in expiring]
    return sorted(
        (
            {"page": page, "action": action, "at": at, "overdue": at < now - OVERDUE_AFTER}
            for page, action, at in rows
        ),
        key=lambda row: row["at"],
    )


class ScheduledPagesPanel(Component):
    name = "scheduled_pages"
    order = 140
    template_name = "staff/admin/scheduled_pages_panel.html"

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows, "overdue": any(row["overdue"] for row in self.rows)}


@hooks.register("construct_homepage_panels")
def add_scheduled_pages_panel(request, panels):
    rows = scheduled_pages(request.user)
    if rows:
        panels.append(ScheduledPagesPanel(rows))


@hooks.register("register_admin_urls")
def editor_guide_urls():
    return [path("guide/", views.EditorGuideView.as_view(), name="staff_editor_guide")]


@hooks.register("register_help_menu_item")
def editor_guide_menu_item():
    # First in the Help menu, before Wagtail's own guide to Wagtail in general.
    return MenuItem(
        "Guide for editors",
        reverse("staff_editor_guide"),
        name="guide",
        icon_name="doc-full",
        order=900,
    )


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", views.verify, name="staff_two_factor_verify"),
        path("two-factor/set-up/", views.enrol, name="staff_two_factor_enrol"),
        path(
            "two-factor/recovery-codes/",
            views.recovery_codes,
            name="staff_two_factor_recovery_codes",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("staff_two_factor_recovery_codes"),
        "label": "Two-factor sign-in",
        "help_text": "Your recovery codes: how many are left, and new ones.",
    }


class ApprovalPageViewSet(PageViewSet):
    """A page type's admin views as Wagtail's own, but for the approver's preview, which
    offers every preview mode (views.ApprovalPreviewView)."""

    workflow_preview_view_class = views.ApprovalPreviewView
    # Only the preview changes: the explorer lists pages as before.
    parent_models = []


@hooks.register("register_admin_viewset")
def approval_previews():
    """One for each page type with more than one way to preview it."""
    return [
        ApprovalPageViewSet(name=f"approval_{model._meta.label_lower}", model=model)
        for model in get_page_models()
        # A page type's own modes are a list; Wagtail's default (one mode) is a property.
        if isinstance(model.preview_modes, list | tuple) and len(model.preview_modes) > 1
    ]


class PreviewModeItem(BaseItem):
    """A link, in the userbar of an approver's preview, to another of its modes."""

    template_name = "staff/userbar/preview_mode.html"

    def __init__(self, label, url):
        super().__init__()
        self.label = label
        self.url = url


@hooks.register("construct_wagtail_userbar")
def approval_preview_modes(request, items, page):
    for label, url in getattr(request, "approval_preview_modes", ()):
        items.append(PreviewModeItem(label, url))


@hooks.register("construct_wagtail_userbar")
def this_sites_content_checks(request, items, page):
    site_content_checks(items)


@hooks.register("insert_global_admin_js")
def rich_text_saved_on_submit():
    """Text typed just before Ctrl+S is saved too (staff/static/staff/rich_text_save.js)."""
    return format_html('<script src="{}" defer></script>', static("staff/rich_text_save.js"))
