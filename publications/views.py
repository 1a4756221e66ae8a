"""The library's list of authors, for the author box's suggestions."""

from django.http import Http404, JsonResponse

from kindness.views import read_only
from publications.models.index import library_page


@read_only
def library_authors(request):
    """The names of the people with work in the library, in the filter's order: a small
    script offers them as the author box's suggestions. Cached and purged with the library
    (publications/wagtail_hooks.py)."""
    library = library_page(request)
    if library is None:
        raise Http404("No library")
    return JsonResponse({"authors": library.filter_choices(request)["author_names"]})
