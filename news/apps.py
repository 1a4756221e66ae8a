from django.apps import AppConfig


class NewsConfig(AppConfig):
    """The programme's news: posts, the news index and its feed."""

    name = "news"

    def ready(self):
        from wagtail.signals import page_published

        from news.models import NewsPostPage, forget_earlier_listings

        page_published.connect(forget_earlier_listings, sender=NewsPostPage)
