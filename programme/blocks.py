from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks

from kindness.blocks import ParagraphBlock
from people.blocks import BodyBlock


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
        template = "programme/blocks/highlight.html"
        description = "A highlighted list, such as the programme's current work."
        preview_value = {
            "heading": "Our current work",
            "introduction": "",
            "items": [{"text": "<p>Kindness in health and social care.</p>"}],
        }


class TimelineBlock(blocks.StructBlock):
    """The programme's strands in the order an editor chooses, told by the strands themselves.

    Each stage shows its strand's period, title and summary, read from the strand page, so
    the timeline cannot drift from the pages it links to.
    """

    heading = blocks.CharBlock(max_length=120, help_text="For example 'The programme so far'.")
    strands = blocks.ListBlock(
        # Wagtail fetches every chosen strand in one query.
        blocks.PageChooserBlock(page_type="programme.StrandPage"),
        min_num=1,
        help_text="The strands to show, in order. Each one's dates, title and summary come "
        "from its own page; unpublished strands are left out.",
    )

    class Meta:
        icon = "history"
        template = "programme/blocks/timeline.html"
        description = "The programme's strands in order, each with its dates and summary."

    def get_preview_value(self):
        """The site's first three strands, in the programme's order, found through the
        chooser's own page type, so this module need not import the models built on it."""
        strand_page = self.child_blocks["strands"].child_block.target_model
        strands = list(strand_page.objects.live()[:3])
        return self.normalize({"heading": "The programme so far", "strands": strands})

    def clean(self, value):
        value = super().clean(value)
        chosen = [strand.pk for strand in value["strands"] if strand]
        if len(chosen) != len(set(chosen)):
            raise blocks.StructBlockValidationError(
                non_block_errors=ErrorList([ValidationError("Choose each strand only once.")])
            )
        return value


class LandingBodyBlock(BodyBlock):
    """The landing page adds the programme timeline and highlighted lists."""

    timeline = TimelineBlock()
    highlight = HighlightBlock()
