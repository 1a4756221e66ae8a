"""The editor's tabs, in the same order on every page type."""

from wagtail.admin.panels import ObjectList, TabbedInterface
from wagtail.models import Page

from kindness.models import ShareMetadataMixin


def tabs(content, *extra):
    """A page's tabs: its content, any extra tabs, then Promote (with sharing) and Settings.

    Only page types with a tab of their own need it; the others get the same tabs from
    Wagtail's `content_panels` and the mixin's `promote_panels`.
    """
    return TabbedInterface(
        [
            ObjectList(content, heading="Content"),
            *extra,
            ObjectList(ShareMetadataMixin.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
