from django.apps import AppConfig


class KindnessConfig(AppConfig):
    """The project package: site settings, shared blocks, page mixins and template tags."""

    name = "kindness"
    verbose_name = "Site-wide"
