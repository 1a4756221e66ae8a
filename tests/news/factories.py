import datetime

import factory
import wagtail_factories

from news.models import NewsAuthor, NewsIndexPage, NewsPostPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"
    show_in_menus = True

    class Meta:
        model = NewsIndexPage


class NewsPostPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News post {n}")
    date = factory.Sequence(lambda n: datetime.date(2018, 1, 1) + datetime.timedelta(days=n))
    summary = "What happened, in a sentence."

    class Meta:
        model = NewsPostPage
        skip_postgeneration_save = True

    @factory.post_generation
    def strands(self, create, extracted, **kwargs):
        if create and extracted:
            self.strands.set(extracted)
            self.save()

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            for order, person in enumerate(extracted):
                NewsAuthor.objects.create(page=self, person=person, sort_order=order)
