"""Panels of a publication's edit view that show, rather than edit."""

from wagtail.admin.panels import Panel


class PublicationHealthPanel(Panel):
    """The publication's PDFs and what needs doing about them (publications.health)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "publications/admin/health_panel.html"

        def get_context_data(self, parent_context=None):
            # Imported here: the health checks read the models this panel is part of.
            from publications.health import publication_health

            context = super().get_context_data(parent_context)
            page = self.instance
            context["health"] = publication_health(page) if page.pk else []
            return context
