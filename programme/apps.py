from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    """The landing page and the programme's strands of work."""

    name = "programme"
