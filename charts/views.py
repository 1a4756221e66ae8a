import hashlib

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.text import slugify
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page

from charts import rendering
from charts.blocks import page_charts


@require_safe
@cache_control(public=True, max_age=60 * 60)
def chart_csv(request, page_id, block_id):
    """A chart's data as CSV, at an address of its own that caches can keep for an hour."""
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    for chart_id, value in page_charts(page):
        if chart_id != str(block_id):
            continue
        try:
            data = rendering.parse(value["data"], value["chart_type"])
        except rendering.ChartDataError:
            raise Http404("This chart's data needs correcting.") from None
        body = rendering.to_csv(data)
        etag = f'"{hashlib.sha256(body.encode()).hexdigest()[:32]}"'
        published = page.last_published_at
        last_modified = published.timestamp() if published else None
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return not_modified
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        name = slugify(value["title"])[:80] or "chart"
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response["ETag"] = etag
        if last_modified:
            response["Last-Modified"] = http_date(last_modified)
        return response
    raise Http404("No chart here.")
