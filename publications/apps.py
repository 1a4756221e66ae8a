from django.apps import AppConfig
from django.db.models.signals import pre_delete


class PublicationsConfig(AppConfig):
    """Reports, films and the library that lists them."""

    name = "publications"

    def ready(self):
        from people.models import PersonPage
        from publications.models.publications import keep_author_names

        pre_delete.connect(keep_author_names, sender=PersonPage)
