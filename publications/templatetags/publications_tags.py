from urllib.parse import urlencode

from django import template
from wagtail.models import Site

from kindness.navigation import sections
from publications.models import LibraryItemPage, PublicationIndexPage

register = template.Library()

# A strand page shows this many of its newest publications and films, then links to the
# library filtered to the strand: a long strand's page stays a page, not a catalogue.
STRAND_ITEMS = 6


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


@register.simple_tag(takes_context=True)
def strand_library(context, strand):
    """The newest live publications and films of `strand`, at most STRAND_ITEMS, ready to
    list as cards; and, when it has more, the library's address filtered to the strand."""
    if strand.pk is None:  # A preview of a strand not yet saved: nothing is tagged with it.
        return {"items": [], "more_url": None}
    items = list(
        strand.library_items.live().public().newest_first().for_listing()[: STRAND_ITEMS + 1]
    )
    more_url = None
    if len(items) > STRAND_ITEMS:
        items = items[:STRAND_ITEMS]
        request = context.get("request")
        library = library_page(request)
        if library is not None:
            more_url = f"{library.get_url(request)}?{urlencode({'strand': strand.slug})}"
    return {"items": items, "more_url": more_url}


def library_page(request):
    """The live library, among the site's sections: no query in a request that has them."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return next(
        (
            page
            for page in sections(request, site.root_page)
            if isinstance(page, PublicationIndexPage) and page.live
        ),
        None,
    )
