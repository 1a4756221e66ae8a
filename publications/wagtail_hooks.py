"""Wagtail hooks of the library: what the page cache forgets, and the Downloads report."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kindness.page_cache import page_path
from publications.download_report import DownloadReportView
from publications.downloads import download_permission_policy
from publications.models import PublicationIndexPage, PublicationPage
from publications.report import chapters_of


@hooks.register("page_cache_paths")
def library_and_feed(page):
    """The library and the feed list the newest items, so any publish may change them."""
    libraries = PublicationIndexPage.objects.live()
    return [reverse("publications-feed"), *(page_path(library) for library in libraries)]


@hooks.register("register_admin_urls")
def download_report_urls():
    return [
        path("reports/downloads/", DownloadReportView.as_view(), name="download_report"),
        path(
            "reports/downloads/results/",
            DownloadReportView.as_view(results_only=True),
            name="download_report_results",
        ),
    ]


class DownloadReportMenuItem(MenuItem):
    def is_shown(self, request):
        return download_permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def download_report_menu_item():
    return DownloadReportMenuItem(
        "Downloads", reverse("download_report"), name="downloads", icon_name="download", order=650
    )


@hooks.register("register_permissions")
def download_report_permission():
    """Lets a group be given the report in Settings > Groups."""
    return Permission.objects.filter(
        content_type__app_label="publications", codename="view_downloadcount"
    )


@hooks.register("page_cache_paths")
def report_chapters(page):
    """A report's chapters have addresses of their own, under the publication's."""
    if not isinstance(page, PublicationPage):
        return []
    base = page_path(page)
    if base is None:
        return []
    # The first chapter is the page itself, already forgotten.
    return [chapter.url for chapter in chapters_of(page.report, base)[1:]]
