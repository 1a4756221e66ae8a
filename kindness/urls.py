from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from publications.feeds import LibraryFeed

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("feed/", LibraryFeed(), name="publications-feed"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Uploaded images and documents, served by runserver in development only.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything else is a Wagtail page; this must stay last.
urlpatterns += [path("", include(wagtail_urls))]
