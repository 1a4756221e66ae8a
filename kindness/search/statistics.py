"""What readers search for, counted without a database write in the request, bounded.

Wagtail's own counting (`Query.get(q).add_hit()` in the view) wrote a row per distinct
search in the request: every search was a write, and anyone could grow the table by
searching nonsense. And with the page cache, most searches never reach the view.

Here each search is counted in the cache (kindness.search.middleware.count_searches, above the
page cache, so cached answers count too): at most MAX_QUERIES distinct searches between two
flushes; a new one past that waits for the next. The worker's periodic task
(kindness.tasks.flush_search_statistics) moves the MOST_SEARCHED of them into Wagtail's
search-term hits, which editors see under Reports → Search terms and when promoting
results, and lets Wagtail delete hits older than WAGTAILSEARCH_HITS_MAX_AGE days (7) and the
search terms left with neither hits nor promotions, so the table stays small too.

Keys carry a generation token: a flush starts a new generation, then reads and deletes the
old one, so searches made meanwhile count in the next flush. Without a worker nothing is
flushed, and the counts stop growing at MAX_QUERIES (and expire after KEEP_SECONDS).
"""

import contextlib
import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

PREFIX = "search-statistics"
GENERATION_KEY = f"{PREFIX}:generation"
# Distinct searches counted between two flushes.
MAX_QUERIES = 500
# Of those, how many reach the database at each flush: the most searched.
MOST_SEARCHED = 50
KEEP_SECONDS = 2 * 24 * 60 * 60


def _generation(create=True):
    generation = cache.get(GENERATION_KEY)
    if generation is None and create:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _hits_key(generation, query):
    digest = hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{PREFIX}:{generation}:hits:{digest}"


def _count_key(generation):
    return f"{PREFIX}:{generation}:count"


def _query_key(generation, slot):
    return f"{PREFIX}:{generation}:query:{slot}"


def record(query_string):
    """Count one search for `query_string`, in the cache only."""
    query = normalise_query_string(query_string)
    generation = _generation() if query else None
    if generation is None:  # Nothing searched, or the cache is away: nothing counted.
        return
    hits = _hits_key(generation, query)
    try:
        cache.incr(hits)  # Searched before in this generation: the usual case.
        return
    except ValueError:
        pass
    count = _count_key(generation)
    if (cache.get(count) or 0) >= MAX_QUERIES:
        return
    if not cache.add(hits, 1, KEEP_SECONDS):
        # Another request counted it first, a moment ago.
        with contextlib.suppress(ValueError):
            cache.incr(hits)
        return
    cache.add(count, 0, KEEP_SECONDS)
    try:
        slot = cache.incr(count)
    except ValueError:
        slot = None
    if slot is None or slot > MAX_QUERIES:
        cache.delete(hits)
        return
    cache.set(_query_key(generation, slot), query, KEEP_SECONDS)


def counted():
    """The searches counted since the last flush, with their counts: {query: hits}."""
    generation = _generation(create=False)
    return _read(generation)[0] if generation else {}


def _read(generation):
    slots = min(cache.get(_count_key(generation)) or 0, MAX_QUERIES)
    query_keys = [_query_key(generation, slot) for slot in range(1, slots + 1)]
    queries = list(cache.get_many(query_keys).values())
    hits_keys = {query: _hits_key(generation, query) for query in queries}
    found = cache.get_many(list(hits_keys.values()))
    counts = {query: found[key] for query, key in hits_keys.items() if found.get(key)}
    return counts, [_count_key(generation), *query_keys, *hits_keys.values()]


def flush():
    """Add the most searched counts to Wagtail's search-term hits for today; forget the rest.

    Returns how many search terms were written.
    """
    generation = _generation(create=False)
    if generation is None:
        return 0
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    counts, keys = _read(generation)
    most_searched = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MOST_SEARCHED]
    today = timezone.localdate()
    with transaction.atomic():
        for query_string, hits in most_searched:
            query = Query.get(query_string)
            daily, _ = QueryDailyHits.objects.get_or_create(query=query, date=today)
            QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)
        QueryDailyHits.garbage_collect()
        Query.garbage_collect()
    cache.delete_many(keys)
    return len(most_searched)
