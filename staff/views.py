"""Admin views for staff."""

from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """The guide for editors and approvers, in the admin, under the Help menu."""

    template_name = "staff/editor_guide.html"
    page_title = "Guide for editors"
    header_icon = "help"
    # The page's own header with its title, rather than a trail of one "Home" link.
    breadcrumbs_items = []
