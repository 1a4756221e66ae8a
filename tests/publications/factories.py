import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from publications.demo import make_pdf
from publications.models import (
    FilmPage,
    PublicationAuthor,
    PublicationDownload,
    PublicationIndexPage,
    PublicationPage,
    PublicationType,
)


class PublicationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Library"
    slug = "library"

    class Meta:
        model = PublicationIndexPage


class PublicationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Publication {n}")
    publication_type = PublicationType.REPORT
    date = factory.Sequence(lambda n: datetime.date(2017, 1, 1) + datetime.timedelta(days=n))
    summary = "What the publication found."

    class Meta:
        model = PublicationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def strands(self, create, extracted, **kwargs):
        if create and extracted:
            self.strands.set(extracted)
            self.save()


class FilmPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Film {n}")
    date = datetime.date(2019, 6, 1)
    summary = "A short film about kindness."
    transcript = "<p>Everything said in the film.</p>"

    class Meta:
        model = FilmPage
        skip_postgeneration_save = True

    @factory.post_generation
    def strands(self, create, extracted, **kwargs):
        if create and extracted:
            self.strands.set(extracted)
            self.save()


class PublicationAuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicationAuthor


class PdfDocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Report {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(make_pdf("Test report", [o.title]), name="report.pdf")
    )
    file_size = factory.LazyAttribute(lambda o: o.file.size)

    class Meta:
        model = Document


class PublicationDownloadFactory(factory.django.DjangoModelFactory):
    title = "Full report"
    document = factory.SubFactory(PdfDocumentFactory)

    class Meta:
        model = PublicationDownload
