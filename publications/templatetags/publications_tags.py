from django import template

from publications.models import LibraryItemPage

register = template.Library()


@register.simple_tag
def authored_by(person):
    """The live publications `person` wrote, newest first, ready to list as cards."""
    return list(
        LibraryItemPage.objects.live()
        .public()
        .filter(publicationpage__authors__person=person)
        .distinct()
        .newest_first()
        .for_listing()
    )
