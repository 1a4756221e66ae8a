from kindness.blocks import ArticleBlock
from people.blocks import SpeakToBlock


class PublicationBodyBlock(ArticleBlock):
    """A publication's story: the shared article blocks and whom to speak to about it."""

    speak_to = SpeakToBlock()
