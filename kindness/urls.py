from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemaps
from wagtail.documents import urls as wagtaildocs_urls

from delivery import health
from kindness import views
from kindness.apps import project_submodules
from kindness.search import views as search_views
from kindness.sitemap import sections

# The sitemap's sections, one for each app with page types (kindness/sitemap.py).
SITEMAP_SECTIONS = sections()

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's own document view, its headers put right (views.serve_document); before
    # Wagtail's patterns, so a document's address resolves here.
    re_path(r"^documents/(\d+)/(.*)$", views.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path(
        "sitemap.xml",
        views.read_only(sitemaps.index),
        {"sitemaps": SITEMAP_SECTIONS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        views.read_only(sitemaps.sitemap),
        {"sitemaps": SITEMAP_SECTIONS},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("manifest.webmanifest", views.web_manifest, name="web-manifest"),
    path("favicon.ico", views.read_only(views.favicon_ico)),
    path("healthz", views.read_only(health.healthz), name="healthz"),
]

if settings.SERVE_MEDIA:
    # Uploaded images and documents, for development and tests; production's web server
    # serves MEDIA_ROOT itself.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# Each app's own addresses (`<app>/urls.py`, such as the publications feed), found through
# the app registry so this package names no app.
urlpatterns += [
    path("", include(module)) for module in project_submodules("urls", exclude={__name__})
]

# Everything else is a Wagtail page; this must stay last.
urlpatterns += [path("", include(wagtail_urls))]

handler400 = "kindness.views.bad_request"
handler403 = "kindness.views.permission_denied"
handler500 = "kindness.views.server_error"
