from django.urls import path

from charts.views import chart_csv

urlpatterns = [
    path("charts/<int:page_id>/<uuid:block_id>.csv", chart_csv, name="chart-csv"),
]
