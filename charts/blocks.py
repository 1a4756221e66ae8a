"""The chart block: an editor pastes a small table, a reader sees a chart, the same table
and a CSV download."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField

from charts import rendering


def _stream_children(value):
    """Every block in `value` (a stream, struct or list value) and the blocks inside them,
    in reading order, so that a chart inside a report's chapter is found like one on top."""
    if isinstance(value, blocks.StreamValue):
        for child in value:
            yield child
            yield from _stream_children(child.value)
    elif isinstance(value, blocks.StructValue):
        for item in value.values():
            yield from _stream_children(item)
    elif isinstance(value, ListValue):
        for item in value:
            yield from _stream_children(item)


def page_charts(page):
    """(block id, value) of every chart in `page`'s stream fields, however deep."""
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            for child in _stream_children(getattr(page, field.attname)):
                if isinstance(child.block, ChartBlock):
                    yield child.id, child.value


def chart_block_id(page, value):
    """The id of the block in `page`'s stream fields that holds `value`, for its CSV address."""
    if page is None:
        return None
    return next((block_id for block_id, chart in page_charts(page) if chart is value), None)


class ChartBlock(blocks.StructBlock):
    """A chart drawn on the server from a small table, with the same data as a table and a
    CSV download, so everyone can read it (see charts/rendering.py)."""

    title = blocks.CharBlock(
        max_length=120, help_text="What the chart shows, in a short sentence or phrase."
    )
    description = blocks.TextBlock(
        help_text="The one thing a reader should take from the chart, for people who cannot "
        "see it. For example 'Nine in ten people in every jurisdiction agree.'"
    )
    chart_type = blocks.ChoiceBlock(
        choices=rendering.CHART_TYPES,
        default=rendering.GROUPED_BAR,
        help_text="Bars compare categories; a line shows change, such as over years.",
    )
    data = blocks.TextBlock(
        help_text="Paste the table from a spreadsheet, or type it with commas between the "
        "columns. Row 1: a name for the categories, then a name for each series (up to "
        f"{rendering.MAX_SERIES}). Then one row for each category (up to "
        f"{rendering.MAX_CATEGORIES}): its name, then a number for each series, without units.",
    )
    units = blocks.CharBlock(
        required=False,
        max_length=20,
        help_text="What the numbers count, shown after each one: '%' or a word such as "
        "'people'. Leave empty for plain numbers.",
    )
    axis_title = blocks.CharBlock(
        required=False,
        max_length=80,
        label="Value axis title",
        help_text="For example 'Share of people (%)'. Leave empty for 'Value' and the units.",
    )
    source = blocks.CharBlock(
        max_length=300,
        help_text="Where the figures come from: who collected them, and when.",
    )

    class Meta:
        icon = "table"
        template = "charts/blocks/chart.html"
        label = "Chart"
        description = (
            "A bar or line chart drawn from a small table, with the table and a CSV download."
        )
        preview_value = {
            "title": "People treated with kindness at their public library",
            "description": "Nine in ten or more agree in every jurisdiction.",
            "chart_type": rendering.GROUPED_BAR,
            "data": "Jurisdiction,Agree,Strongly agree\nScotland,93,56\nWales,92,45",
            "units": "%",
            "axis_title": "Share of people (%)",
            "source": "Quantifying kindness, public engagement and place (2018)",
        }

    def clean(self, value):
        value = super().clean(value)
        try:
            rendering.parse(value["data"], value["chart_type"])
        except rendering.ChartDataError as error:
            raise blocks.StructBlockValidationError(
                # One error holding every message: the admin lists them all under the field.
                block_errors={"data": ValidationError(error.messages)}
            ) from None
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        try:
            data = rendering.parse(value["data"], value["chart_type"])
        except rendering.ChartDataError:
            # Only data saved before a rule existed reaches here; show nothing broken.
            context["chart"] = None
            return context
        block_id = chart_block_id(context.get("page"), value)
        uid = f"chart-{block_id or format(id(value), 'x')}"
        context["chart"] = {
            "uid": uid,
            "csv_url": reverse("chart-csv", args=[context["page"].pk, block_id])
            if block_id
            else None,
            "data": data,
            "rows": [
                (label, [rendering.format_number(number) for number in row])
                for label, row in zip(data.categories, data.values, strict=True)
            ],
            "svg": rendering.render_svg(
                data,
                value["chart_type"],
                uid=uid,
                title=value["title"],
                description=value["description"],
                units=value["units"],
                axis_title=value["axis_title"],
            ),
        }
        return context
