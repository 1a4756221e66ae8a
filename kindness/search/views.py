import logging

from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from kindness.models import exclude_private
from kindness.navigation import as_their_types
from kindness.search.forms import SearchForm
from kindness.search.text import prefetch_for_snippets, search_terms
from kindness.views import read_only

RESULTS_PER_PAGE = 10
logger = logging.getLogger(__name__)


def plan_for_these_words():
    """Have Postgres plan the search's queries for the words searched, every time.

    The site's statements are prepared (settings.DB_PREPARE_THRESHOLD), and after five runs
    Postgres may keep one generic plan for any parameters: for the search it guesses that
    the words match a few entries and the site's root a few pages, and joins them in a
    nested loop comparing every match with every page, as text. With a word that matches a
    third of the site that is matches x pages: 2 million comparisons, 0.4 s, at
    `load_demo_content --scale 90`. Planned for the words, the search finds its matches by
    their index (kindness/migrations/0005) and joins them to the pages by hash. For the
    rest of this transaction only (the view's savepoint, or the request's).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")


@read_only
def search(request):
    """Full-text search over the site's live pages, with editors' promotions first."""
    form = SearchForm(request.GET)
    form.is_valid()  # Invalid parameters are dropped: a bad `page` still shows results.
    query = form.cleaned_data.get("q", "")
    context = {
        "form": form,
        "query": query,
        "promotions": [],
        "results": None,
        "meta_title": "Search",
    }
    if query:
        site = Site.find_for_request(request)
        # Not `public()`, which costs a query of its own.
        pages = exclude_private(Page.objects.live())
        if site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        promotions = list(
            SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
            .select_related("page")
            .order_by("sort_order")
        )
        candidates = {p.page_id for p in promotions if p.page_id}
        # The promoted pages a reader may see: left out of the results below them.
        promoted = (
            set(pages.filter(pk__in=candidates).values_list("pk", flat=True))
            if candidates
            else set()
        )
        promotions = [p for p in promotions if p.page_id is None or p.page_id in promoted]
        # Found and ranked by id and type alone; then the page of results as their specific
        # types (for their texts), one query joining only the tables of the types found.
        results = pages.exclude(id__in=promoted).only("id", "content_type")
        paginator = Paginator(results.search(search_terms(query)), RESULTS_PER_PAGE)
        try:
            # A savepoint, so a failed search leaves the request's transaction usable.
            with transaction.atomic():
                plan_for_these_words()
                results_page = paginator.get_page(form.cleaned_data.get("page") or 1)
                results_page.object_list = as_their_types(results_page.object_list)
                prefetch_for_snippets(results_page.object_list)
        except DatabaseError:
            # The database's full-text parser rejected something we failed to foresee:
            # the reader sees "no results", the logs see the query.
            logger.exception("Search failed for %r", query)
            results_page = Paginator([], RESULTS_PER_PAGE).get_page(1)
        context["results"] = results_page
        context["promotions"] = promotions
        context["total"] = results_page.paginator.count + len(promotions)
        # Counted for the admin's search terms by kindness.search.middleware.count_searches, in the
        # cache: a search writes nothing to the database.
    return TemplateResponse(request, "kindness/search/page.html", context)
