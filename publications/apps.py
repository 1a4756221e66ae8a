from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    """Reports, films and the library that lists them."""

    name = "publications"
