"""The blocks editors compose page bodies from.

`ArticleBlock` is the shared core every page body offers; pages that need more (the
landing page) extend it rather than defining a body of their own.
"""

import re

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from charts.blocks import ChartBlock

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


def sample_figure():
    """A picture from the site's own library for the block picker's preview: the newest one
    with a description, so the preview shows a real picture with its alt text."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.exclude(description="").order_by("-pk").first()
    return {
        "image": image and {"image": image, "alt_text": image.description, "decorative": False},
        "caption": "A caption, shown under the picture.",
    }


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

    def get_preview_value(self):
        return self.normalize(sample_figure())


class ArticleBlock(blocks.StreamBlock):
    """The core every page body offers: text, headings, quotes, pictures and charts."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    chart = ChartBlock()
