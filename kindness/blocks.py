"""The blocks editors compose page bodies from.

`ArticleBlock` is the shared core every page body offers; pages that need more (the
landing page) extend it rather than defining a body of their own.
"""

import re

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.urls import reverse
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock

from kindness import charts

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]

# Alt text that is really a file name ("IMG_0042.jpg") tells a screen-reader user nothing.
FILE_NAME_PATTERN = re.compile(r"^\S+\.(jpe?g|png|gif|webp|avif|tiff?|heic)$", re.IGNORECASE)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="A short title for the section that follows.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Sub-heading")],
        default="h2",
        help_text="Use sub-headings only inside a section.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        description = "A heading that starts a new section of the page."
        preview_value = {"text": "The Brief", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        description = "Paragraphs of text, with links, lists and emphasis."
        preview_value = (
            "<p>Kindness is at the very heart of our wellbeing. The relationships that we "
            "have with those around us are fundamental to improving wellbeing outcomes.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words quoted, without quotation marks.")
    attribution = blocks.CharBlock(required=False, help_text="Who said or wrote it.")
    source = blocks.CharBlock(
        required=False, help_text="Their role, or the report the words come from."
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        description = "A quotation set apart from the text, with who said it."
        preview_value = {
            "quote": "Kindness is at the very heart of our wellbeing.",
            "attribution": "Kinder Communities",
            "source": "The programme brief",
        }

    def clean(self, value):
        value = super().clean(value)
        if value["source"] and not value["attribution"]:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "attribution": ErrorList(
                        [ValidationError("Say who is quoted before giving their role or source.")]
                    )
                }
            )
        return value


def alt_text_problem(alt_text, title=""):
    """Why `alt_text` does not describe an image (titled `title`) for someone who cannot see
    it, or None."""
    alt_text = (alt_text or "").strip()
    if not alt_text:
        return "is empty"
    if FILE_NAME_PATTERN.match(alt_text) or alt_text.casefold() == (title or "").casefold():
        return "is only a file name or the image's title"
    return None


class DescribedImageBlock(ImageBlock):
    """Wagtail's image block (alt text that starts as the image's description, or
    'decorative'), refusing alt text that is a file name or the image's title."""

    def clean(self, value):
        value = super().clean(value)
        if value is not None and not value.decorative:
            problem = alt_text_problem(value.contextual_alt_text, value.title)
            if problem:
                raise blocks.StructBlockValidationError(
                    block_errors={
                        "alt_text": ErrorList(
                            [
                                ValidationError(
                                    "Describe what the image shows; a file name or the "
                                    "image's title does not help someone who cannot see it."
                                )
                            ]
                        )
                    }
                )
        return value


class FigureBlock(blocks.StructBlock):
    image = DescribedImageBlock(
        help_text="The alt text starts as the image's own description; change it only where "
        "this page needs different words, or tick 'decorative' if it adds nothing to the text."
    )
    caption = blocks.CharBlock(required=False, help_text="Shown under the image.")

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = "Image"
        description = "A picture with a description for screen readers and an optional caption."


class HighlightItemBlock(blocks.StructBlock):
    text = ParagraphBlock(
        features=["bold", "italic", "link"], help_text="A sentence or two about this item."
    )
    page = blocks.PageChooserBlock(required=False, help_text="Where a reader can find out more.")
    link_text = blocks.CharBlock(
        required=False, max_length=80, help_text="Defaults to the linked page's title."
    )

    class Meta:
        icon = "pick"


class HighlightBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text="For example 'Our current work'.")
    introduction = blocks.TextBlock(required=False, help_text="A sentence above the list.")
    items = blocks.ListBlock(
        HighlightItemBlock(), min_num=1, help_text="The items to highlight, in order."
    )

    class Meta:
        icon = "pick"
        template = "blocks/highlight.html"
        description = "A highlighted list, such as the programme's current work."
        preview_value = {
            "heading": "Our current work",
            "introduction": "",
            "items": [{"text": "<p>Kindness in health and social care.</p>"}],
        }


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
    CSV download, so everyone can read it (see kindness/charts.py)."""

    title = blocks.CharBlock(
        max_length=120, help_text="What the chart shows, in a short sentence or phrase."
    )
    description = blocks.TextBlock(
        help_text="The one thing a reader should take from the chart, for people who cannot "
        "see it. For example 'Nine in ten people in every jurisdiction agree.'"
    )
    chart_type = blocks.ChoiceBlock(
        choices=charts.CHART_TYPES,
        default=charts.GROUPED_BAR,
        help_text="Bars compare categories; a line shows change, such as over years.",
    )
    data = blocks.TextBlock(
        help_text="Paste the table from a spreadsheet, or type it with commas between the "
        "columns. Row 1: a name for the categories, then a name for each series (up to "
        f"{charts.MAX_SERIES}). Then one row for each category (up to "
        f"{charts.MAX_CATEGORIES}): its name, then a number for each series, without units.",
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
        template = "blocks/chart.html"
        label = "Chart"
        description = (
            "A bar or line chart drawn from a small table, with the table and a CSV download."
        )
        preview_value = {
            "title": "People treated with kindness at their public library",
            "description": "Nine in ten or more agree in every jurisdiction.",
            "chart_type": charts.GROUPED_BAR,
            "data": "Jurisdiction,Agree,Strongly agree\nScotland,93,56\nWales,92,45",
            "units": "%",
            "axis_title": "Share of people (%)",
            "source": "Quantifying kindness, public engagement and place (2018)",
        }

    def clean(self, value):
        value = super().clean(value)
        try:
            charts.parse(value["data"], value["chart_type"])
        except charts.ChartDataError as error:
            raise blocks.StructBlockValidationError(
                # One error holding every message: the admin lists them all under the field.
                block_errors={"data": ValidationError(error.messages)}
            ) from None
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        try:
            data = charts.parse(value["data"], value["chart_type"])
        except charts.ChartDataError:
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
                (label, [charts.format_number(number) for number in row])
                for label, row in zip(data.categories, data.values, strict=True)
            ],
            "svg": charts.render_svg(
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


class ArticleBlock(blocks.StreamBlock):
    """The core every page body offers: text, headings, quotes, pictures and charts."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    chart = ChartBlock()
