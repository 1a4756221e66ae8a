from wagtail import blocks


class SpeakToBlock(blocks.StructBlock):
    """Who a reader should contact about the page they are reading."""

    heading = blocks.CharBlock(max_length=80, default="Speak to")
    people = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="people.PersonPage"),
        min_num=1,
        help_text="The people to contact, in the order they should appear.",
    )

    class Meta:
        icon = "user"
        template = "blocks/speak_to.html"
        description = (
            "The people to contact about this page, with their role and how to reach them."
        )
        preview_value = {"heading": "Speak to", "people": []}
