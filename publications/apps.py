from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete


class PublicationsConfig(AppConfig):
    """Reports, films and the library that lists them."""

    name = "publications"

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.signals import page_published

        from people.models import PersonPage
        from publications.models import GeneratedPdf, PdfCover
        from publications.models.authors import keep_author_names
        from publications.models.publications import PublicationPage
        from publications.tasks import (
            delete_generated_document,
            delete_pdf_cover_image,
            put_back_generated_pdf,
            queue_cover_on_publish,
            queue_text_extraction,
        )

        pre_delete.connect(keep_author_names, sender=PersonPage)
        post_save.connect(queue_text_extraction, sender=get_document_model())
        page_published.connect(put_back_generated_pdf, sender=PublicationPage)
        post_delete.connect(delete_generated_document, sender=GeneratedPdf)
        page_published.connect(queue_cover_on_publish, sender=PublicationPage)
        post_delete.connect(delete_pdf_cover_image, sender=PdfCover)
