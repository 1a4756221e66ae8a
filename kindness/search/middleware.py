import functools

from django.urls import reverse

from kindness.search import statistics
from kindness.search.forms import SearchForm


@functools.cache
def _search_path():
    return reverse("search")


def count_searches(get_response):
    """Count each search readers make, in the cache (kindness/search/statistics.py).

    Above the page cache, so a search answered from it counts too. Only the first page of
    results: paging through them is the same search.
    """

    def middleware(request):
        response = get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and request.path_info == _search_path()
        ):
            # Read as the view reads it: an invalid parameter is dropped, not the search.
            form = SearchForm(request.GET)
            form.is_valid()
            query, page = form.cleaned_data.get("q"), form.cleaned_data.get("page")
            if query and page in (None, 1):
                statistics.record(query)
        return response

    return middleware
