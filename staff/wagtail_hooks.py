"""What the staff app adds to the admin: the guide for editors, in the Help menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from staff.views import EditorGuideView


@hooks.register("register_admin_urls")
def editor_guide_urls():
    return [path("guide/", EditorGuideView.as_view(), name="staff_editor_guide")]


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
