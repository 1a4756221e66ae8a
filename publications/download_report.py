"""The Downloads report in the admin: each publication's downloads, month by month.

For the Trust's impact reporting: filter by months and by publication, and export the
table as CSV or XLSX. Only staff with the "Can view download count" permission (granted
to a group in Settings > Groups) and superusers see it.
"""

import calendar

import django_filters
from django import forms
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.dateformat import format as date_format
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from publications.downloads import download_permission_policy
from publications.models import PublicationPage
from publications.models.downloads import DownloadCount

MONTH_FORMAT = "%Y-%m"


class MonthField(forms.DateField):
    """A month, typed or picked as YYYY-MM (a plain text box where browsers lack a picker)."""

    widget = forms.DateInput(attrs={"type": "month", "placeholder": "YYYY-MM"}, format=MONTH_FORMAT)
    input_formats = [MONTH_FORMAT]


class MonthFilter(django_filters.Filter):
    field_class = MonthField


def month_end(first_day):
    return first_day.replace(day=calendar.monthrange(first_day.year, first_day.month)[1])


class DownloadReportFilterSet(WagtailFilterSet):
    since = MonthFilter(label="From month", method="filter_since")
    until = MonthFilter(label="To month", method="filter_until")
    publication = django_filters.ModelChoiceFilter(
        field_name="page",
        label="Publication",
        queryset=PublicationPage.objects.order_by("title"),
    )

    class Meta:
        model = DownloadCount
        fields = []

    def filter_since(self, queryset, name, value):
        return queryset.filter(day__gte=value.replace(day=1))

    def filter_until(self, queryset, name, value):
        return queryset.filter(day__lte=month_end(value))


def month_label(row):
    return date_format(row["month"], "F Y")


class DownloadReportView(ReportView):
    page_title = "Downloads"
    header_icon = "download"
    index_url_name = "download_report"
    index_results_url_name = "download_report_results"
    filterset_class = DownloadReportFilterSet
    permission_policy = download_permission_policy
    permission_required = "view"
    model = DownloadCount

    columns = [
        TitleColumn(
            "title",
            label="Publication",
            accessor="page__title",
            get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row["page"]]),
        ),
        Column("month_label", label="Month", accessor=month_label),
        Column("downloads", label="Downloads"),
    ]
    list_export = ["page__title", "month", "downloads"]
    export_headings = {"page__title": "Publication", "month": "Month", "downloads": "Downloads"}
    # A spreadsheet wants the month as a date it can sort and chart, not a label.
    custom_field_preprocess = {
        "month": {
            ReportView.FORMAT_CSV: lambda month: month.strftime(MONTH_FORMAT),
            ReportView.FORMAT_XLSX: lambda month: month.strftime(MONTH_FORMAT),
        }
    }
    export_filename = "downloads"

    def get_queryset(self):
        return (
            DownloadCount.objects.annotate(month=TruncMonth("day"))
            .values("page", "page__title", "month")
            .annotate(downloads=Sum("count"))
            .order_by("-month", "page__title", "page")
        )
