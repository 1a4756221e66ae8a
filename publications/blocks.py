"""The blocks a report is written in when it is published as a web page (an HTML publication).

Headings are numbered and given their link names (anchors) by `publications.report`, which
also splits a report into chapters and turns footnote markers into numbered links.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.html import format_html
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock

from kindness.blocks import RICH_TEXT_FEATURES, ArticleBlock, HeadingBlock

from . import report

# Headings are blocks of their own, so that they are numbered and listed in the contents.
REPORT_TEXT_FEATURES = [
    feature for feature in RICH_TEXT_FEATURES if feature not in {"h2", "h3", "h4"}
]
# The block picker's previews: each report block drawn in a report's text, with its styles.
PREVIEW_TEMPLATE = "publications/blocks/preview.html"
# The note the previews cite, as [^survey].
SAMPLE_NOTE = {
    "label": "survey",
    "text": "<p>Quantifying kindness, public engagement and place (2018).</p>",
}
FOOTNOTE_HELP = (
    "To cite a note, type [^ and its label and ] where the number should go, for example "
    "[^survey]. Write the note itself under 'Notes', below the report."
)


class ReportHeadingBlock(HeadingBlock):
    """The article's heading, numbered, with a lasting link name."""

    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Sub-heading")],
        default="h2",
        help_text="Sections are numbered 1, 2, 3; sub-headings 1.1, 1.2 within their section.",
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        label="Link name",
        help_text="The end of the address that links to this section (#link-name). Filled in "
        "from the heading when you save; keep it as it is, so links people have shared keep "
        "working.",
    )

    class Meta:
        icon = "title"
        template = "publications/blocks/report_heading.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Heading"
        description = "A numbered heading that starts a section, listed in the contents."
        preview_value = {"text": "What people told us", "level": "h2", "anchor": ""}

    def get_preview_context(self, value, parent_context=None):
        """The heading numbered as the report numbers its first section."""
        context = super().get_preview_context(value, parent_context)
        level = value["level"]
        anchor = value["anchor"] or report.slug_for(value["text"])
        number = "1.1" if level == "h3" else "1"
        context["heading"] = report.Heading(value["text"], level, anchor, number, level)
        return context

    def clean(self, value):
        value = super().clean(value)
        if value["anchor"]:
            value["anchor"] = report.slug_for(value["anchor"])
        return value


class FootnotedTextBlock(blocks.RichTextBlock):
    """Rich text in which [^label] becomes a numbered link to that note."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", REPORT_TEXT_FEATURES)
        kwargs.setdefault(
            "help_text", f"Paragraphs, with links, lists and emphasis. {FOOTNOTE_HELP}"
        )
        super().__init__(**kwargs)

    def render_basic(self, value, context=None):
        html = super().render_basic(value, context=context)
        notes = (context or {}).get("footnotes")
        html = notes.link_markers(html) if notes is not None else report.strip_markers(html)
        return format_html('<div class="rich-text">{}</div>', html)

    def render(self, value, context=None):
        return self.render_basic(value, context=context)

    class Meta:
        icon = "pilcrow"
        label = "Paragraphs"
        description = "Paragraphs of text, with links, lists, emphasis and footnotes."
        preview_value = "<p>Over 80% of people report kindness in public services.[^survey]</p>"
        preview_template = PREVIEW_TEMPLATE

    def get_preview_context(self, value, parent_context=None):
        """With the note it cites, so the preview shows the citation as readers see it."""
        context = super().get_preview_context(value, parent_context)
        context["footnotes"] = report.Footnotes([SAMPLE_NOTE])
        return context


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("finding", "Key finding"), ("note", "Note")],
        default="finding",
        help_text="A key finding stands out in colour; a note is quieter.",
    )
    heading = blocks.CharBlock(
        required=False, max_length=120, help_text="Optional: a few words above the text."
    )
    text = FootnotedTextBlock(help_text=f"One or two sentences. {FOOTNOTE_HELP}")

    class Meta:
        icon = "warning"
        template = "publications/blocks/callout.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Call-out"
        description = "A key finding or a note set apart from the text in a box."
        preview_value = {
            "kind": "finding",
            "heading": "Key finding",
            "text": "<p>Over 90% think people in their area are kind.</p>",
        }


class ReportTableBlock(blocks.StructBlock):
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(help_text="Words.")),
            ("number", blocks.DecimalBlock(help_text="A number, without units.")),
        ],
        help_text="Give each column a heading: the headings are read out with every cell. "
        "Add the table's title under 'Caption'.",
    )
    first_column_is_header = blocks.BooleanBlock(
        required=False,
        default=True,
        label="First column names the rows",
        help_text="Tick when the first column names what each row is about, such as a place.",
    )
    source = blocks.CharBlock(
        required=False, max_length=300, help_text="Where the figures come from, if not this report."
    )

    class Meta:
        icon = "table"
        template = "publications/blocks/report_table.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Table"
        description = "A table of words or figures with column headings and a caption."
        preview_value = {
            "table": {
                "caption": "People who agree they are treated with kindness at their public "
                "library (%)",
                "columns": [
                    {"type": "text", "heading": "Jurisdiction"},
                    {"type": "number", "heading": "Agree (%)"},
                    {"type": "number", "heading": "Strongly agree (%)"},
                ],
                "rows": [
                    {"values": ["Scotland", "93", "56"]},
                    {"values": ["Wales", "92", "45"]},
                ],
            },
            "first_column_is_header": True,
            "source": "Quantifying kindness, public engagement and place (2018)",
        }

    def clean(self, value):
        value = super().clean(value)
        table = value["table"]
        problems = []
        if not table.caption.strip():
            problems.append("Give the table a caption: what it shows, in a short phrase.")
        if any(not str(column["heading"]).strip() for column in table.columns):
            problems.append("Give every column a heading.")
        if problems:
            raise blocks.StructBlockValidationError(
                non_block_errors=ErrorList([ValidationError(problem) for problem in problems])
            )
        return value


class ReportContentBlock(ArticleBlock):
    """What a report's text (or one chapter of it) is made of: the article blocks, with
    numbered headings and footnoted text in place of the plain ones, and tables and
    call-outs besides. The names stay the article's, so stored reports keep their blocks."""

    heading = ReportHeadingBlock()
    paragraph = FootnotedTextBlock()
    table = ReportTableBlock()
    callout = CalloutBlock()

    class Meta:
        help_text = "The report itself: headings, text, pictures, tables, quotes and charts."

    def clean(self, value):
        value = super().clean(value)
        for child in value:
            if child.block_type == "heading":
                if child.value["level"] == "h3":
                    raise blocks.StreamBlockValidationError(
                        non_block_errors=ErrorList(
                            [
                                ValidationError(
                                    f"“{child.value['text']}” is a sub-heading before any "
                                    "section heading: start with a section heading."
                                )
                            ]
                        )
                    )
                break
        return value


class ChapterBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text="The chapter's title, such as 'Findings'.")
    slug = blocks.CharBlock(
        required=False,
        max_length=80,
        label="Address",
        help_text="The end of the chapter's own address. Filled in from the title when you "
        "save; keep it as it is, so links people have shared keep working.",
    )
    content = ReportContentBlock(help_text="The chapter's text.")

    class Meta:
        icon = "doc-full"
        label = "Chapter"
        description = "A chapter on a page of its own, with links to the previous and next."
        preview_value = {"title": "Findings", "slug": "", "content": []}
        preview_template = "publications/blocks/chapter_preview.html"

    def clean(self, value):
        value = super().clean(value)
        if value["slug"]:
            value["slug"] = report.slug_for(value["slug"])
        return value


class ReportBlock(ReportContentBlock):
    """A report is either one page of content, or chapters, each on its own page."""

    chapter = ChapterBlock()

    class Meta:
        help_text = (
            "The report as a web page. A long report can be split into chapters: then every "
            "part of it goes in a chapter."
        )

    def clean(self, value):
        kinds = {child.block_type == "chapter" for child in value}
        if len(kinds) > 1:
            raise blocks.StreamBlockValidationError(
                non_block_errors=ErrorList(
                    [
                        ValidationError(
                            "Put everything in chapters, or use no chapters: text outside a "
                            "chapter would have no page to go on."
                        )
                    ]
                )
            )
        return super().clean(value)


class NoteBlock(blocks.StructBlock):
    label = blocks.RegexBlock(
        regex=r"^[A-Za-z0-9_-]+$",
        max_length=40,
        error_messages={"invalid": "Use only letters, digits, hyphens and underscores."},
        help_text="A short name for the note, such as 'survey'; cite it in the text as "
        "[^survey]. Readers see numbers, in the order the notes are cited.",
    )
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link"],
        help_text="The note: a source, a reference or a remark.",
    )

    class Meta:
        icon = "openquote"
        label = "Note"
        description = "A footnote, cited in the report's text as [^label]."
        preview_value = SAMPLE_NOTE
        preview_template = "publications/blocks/note_preview.html"
