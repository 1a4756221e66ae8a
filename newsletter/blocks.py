"""The blocks a newsletter issue is written in: the site's own, and cards for the library.

An issue goes out by email as well as on the web, so its body leaves out what a mail
client cannot show (charts are SVG drawn for the page's stylesheet). Each block has an
email form too, in `newsletter/templates/newsletter/email/blocks/` (HTML and plain text),
which `newsletter.issues` renders.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks

from kindness.blocks import FigureBlock, HeadingBlock, ParagraphBlock, QuoteBlock
from people.blocks import SpeakToBlock


class LibraryItemChooserBlock(blocks.PageChooserBlock):
    """Chooses a publication or a film; every chosen item comes, with what its card shows,
    in a fixed number of queries (`for_listing()`), however many the issue links."""

    def __init__(self, **kwargs):
        super().__init__(page_type="publications.LibraryItemPage", **kwargs)

    def bulk_to_python(self, values):
        items = self.model_class.objects.for_listing().in_bulk(values)
        return [items.get(pk) for pk in values]

    def deconstruct(self):
        # Stored as a plain page chooser, so migrations do not depend on this class.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.PageChooserBlock", args, {**kwargs, "page_type": self.page_type}


def sample_items():
    """The library's two newest items, for the block picker's preview."""
    from publications.models import LibraryItemPage

    items = LibraryItemPage.objects.live().newest_first().for_listing()[:2]
    return {"heading": "New in the library", "items": list(items)}


class LibraryItemsBlock(blocks.StructBlock):
    """Publications and films, shown as the library's cards."""

    heading = blocks.CharBlock(
        max_length=80,
        required=False,
        default="New in the library",
        help_text="Optional: a few words above the cards.",
    )
    items = blocks.ListBlock(
        LibraryItemChooserBlock(),
        min_num=1,
        help_text="The publications and films, in the order they should appear. Their "
        "picture, date and summary come from their own pages.",
    )

    class Meta:
        icon = "doc-full"
        template = "newsletter/blocks/library_items.html"
        label = "Publications and films"
        description = "Cards linking to publications and films, with their picture and summary."

    def get_preview_value(self):
        return self.normalize(sample_items())

    def clean(self, value):
        value = super().clean(value)
        chosen = [item.pk for item in value["items"] if item]
        if len(chosen) != len(set(chosen)):
            raise blocks.StructBlockValidationError(
                non_block_errors=ErrorList([ValidationError("Choose each item only once.")])
            )
        return value


class NewsletterBodyBlock(blocks.StreamBlock):
    """An issue's body: text, headings, quotes, pictures, whom to speak to and library cards.
    The names are the site's, so an editor meets the same choices as on other pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    speak_to = SpeakToBlock()
    library_items = LibraryItemsBlock()
