from django.urls import reverse
from wagtail import hooks

from charts.blocks import page_charts


@hooks.register("page_cache_paths")
def chart_downloads(page):
    """Each chart's CSV download has an address of its own, wherever the chart sits in the
    page (a report's chapter included)."""
    page = page.specific
    return [reverse("chart-csv", args=[page.pk, chart_id]) for chart_id, _ in page_charts(page)]
