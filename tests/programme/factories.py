import factory
import wagtail_factories

from programme.models import ContentPage, HomePage, StrandIndexPage, StrandPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Kinder Communities"
    introduction = "A programme exploring kindness in communities and public policy."

    class Meta:
        model = HomePage


class StrandIndexPageFactory(wagtail_factories.PageFactory):
    title = "The programme"
    slug = "programme"

    class Meta:
        model = StrandIndexPage


class StrandPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Strand {n}")
    summary = "What this strand of the programme did."
    start_year = 2018
    end_year = 2019
    status = StrandPage.Status.COMPLETED

    class Meta:
        model = StrandPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Content page {n}")
    introduction = "What this page is for."

    class Meta:
        model = ContentPage
