from django.apps import AppConfig
from django.db.models.signals import post_save, pre_delete


class PublicationsConfig(AppConfig):
    """Reports, films and the library that lists them."""

    name = "publications"

    def ready(self):
        from wagtail.documents import get_document_model

        from people.models import PersonPage
        from publications.documents import queue_text_extraction
        from publications.models.publications import keep_author_names

        pre_delete.connect(keep_author_names, sender=PersonPage)
        post_save.connect(queue_text_extraction, sender=get_document_model())
