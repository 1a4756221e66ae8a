from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms.utils import ErrorList
from wagtail import blocks

from kindness.blocks import ArticleBlock


class PersonChooserBlock(blocks.PageChooserBlock):
    """Chooses a person page, and fetches every chosen person's photo in one go.

    A page's body may name the same few people in several blocks; Wagtail converts all of
    them at once through `bulk_to_python`, so one query (and one for the photos' renditions)
    serves them all.
    """

    def __init__(self, **kwargs):
        super().__init__(page_type="people.PersonPage", **kwargs)

    def bulk_to_python(self, values):
        people = self.model_class.objects.for_cards().in_bulk(values)
        return [people.get(pk) for pk in values]

    def deconstruct(self):
        # Stored as a plain page chooser, so migrations do not depend on this class.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.PageChooserBlock", args, {**kwargs, "page_type": self.page_type}


def sample_people():
    """Two of the site's own people for the block picker's preview, those with photos first."""
    from people.models import PersonPage

    people = PersonPage.objects.live().for_cards()
    people = people.order_by(F("photo").desc(nulls_last=True), "path")[:2]
    return {"heading": "Speak to", "people": list(people)}


class SpeakToBlock(blocks.StructBlock):
    """Who a reader should contact about the page they are reading."""

    heading = blocks.CharBlock(
        max_length=80, default="Speak to", help_text="For example 'Speak to' or 'Contact us'."
    )
    people = blocks.ListBlock(
        PersonChooserBlock(),
        min_num=1,
        help_text="The people to contact, in the order they should appear. Their photo, role, "
        "email address and phone number come from their person page.",
    )

    class Meta:
        icon = "user"
        template = "people/blocks/speak_to.html"
        description = (
            "The people to contact about this page, with their photo, role and how to reach them."
        )

    def get_preview_value(self):
        return self.normalize(sample_people())

    def clean(self, value):
        value = super().clean(value)
        chosen = [person.pk for person in value["people"] if person]
        if len(chosen) != len(set(chosen)):
            raise blocks.StructBlockValidationError(
                non_block_errors=ErrorList([ValidationError("Choose each person only once.")])
            )
        return value


class BodyBlock(ArticleBlock):
    """The body strands, publications and content pages share: the article blocks and
    whom to speak to. One block, so editors meet the same choices on every page."""

    speak_to = SpeakToBlock()
