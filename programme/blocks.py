from kindness.blocks import ArticleBlock, HighlightBlock, TimelineBlock
from people.blocks import SpeakToBlock


class StrandBodyBlock(ArticleBlock):
    """A strand's story: the shared article blocks and the people to contact."""

    speak_to = SpeakToBlock()


class LandingBodyBlock(StrandBodyBlock):
    """The landing page adds the programme timeline and highlighted lists."""

    timeline = TimelineBlock()
    highlight = HighlightBlock()


class ContentBodyBlock(StrandBodyBlock):
    """A content page's body: the same blocks as a strand's, so editors meet nothing new."""
