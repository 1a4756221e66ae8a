"""A publication's authors: people with a page on the site, or outside authors by name.

Its own module, below both the library (whose cards list authors) and the publication page
(which has them): each imports it, and it imports neither.
"""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from people.models import split_name


class PublicationAuthor(Orderable):
    """One author: a person with a page on the site, or the name of an outside author."""

    page = ParentalKey(
        "publications.PublicationPage", on_delete=models.CASCADE, related_name="authors"
    )
    person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        # Deleting a person page must not silently drop them from what they wrote:
        # keep_author_names() copies their name onto the row first.
        on_delete=models.SET_NULL,
        related_name="authored_publications",
        help_text="The author's person page, if they have one. Otherwise type their name below.",
    )
    name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Only for an author without a person page, for example 'Julie Brownlie'.",
    )

    panels = [FieldPanel("person"), FieldPanel("name")]

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        if bool(self.person_id) == bool(self.name.strip()):
            raise ValidationError("Choose a person page or type a name, not both and not neither.")

    @classmethod
    def for_cards(cls):
        """Authors with what a card prints of them, their names: building each author's
        whole person page took half the time of a library page's authors."""
        return cls.objects.select_related("person").only(
            "page_id",
            "sort_order",
            "name",
            "person__title",
            "person__honorific_prefix",
            "person__honorific_suffix",
        )

    @property
    def display_name(self):
        return self.person.full_name if self.person_id else self.name

    @property
    def citation_name(self):
        """(family name, given names) for citations."""
        if self.person_id:
            return self.person.family_name, self.person.given_names
        return split_name(self.name)

    def json_ld(self, request):
        data = {"@type": "Person", "name": self.person.title if self.person_id else self.name}
        if self.person_id and self.person.live:
            data["url"] = self.person.get_full_url(request)
        return data


def keep_author_names(sender, instance, **kwargs):
    """Before a person page is deleted, turn their author rows into plain-name authors."""
    PublicationAuthor.objects.filter(person=instance).update(name=instance.title)
