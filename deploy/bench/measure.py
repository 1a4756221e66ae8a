"""In-process figures for `make bench`: one page of each type, its SQL queries and render time.

Run by deploy/bench/bench.py with the benchmark's environment (Postgres, DEBUG off, the page
cache off), from the project's directory. It finds one page of each type in the database,
then GETs each through django.test.Client (the whole middleware stack, no HTTP server): three
warm-ups (image renditions, the site root paths, prepared statements), one with its SQL
queries counted, then --repeat timed (21: a median that one slow request on a busy machine
does not move). Prints one JSON object: the pages, each with its path, status, queries,
median render ms, and HTML bytes plain and gzipped. Adapted from the shared
bench/query_count.py.
"""

import argparse
import gzip
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())  # The project package lives in the working directory.

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402

GENERATED = "[Generated]"


def first_live(model_name, *, real_first=True):
    """A live page of this type, one of the demo's real ones when there is one."""
    model = next(
        (m for m in apps.get_models() if m.__name__ == model_name and issubclass(m, Page)), None
    )
    if model is None:
        return None
    pages = model.objects.live().order_by("path")
    if real_first:
        real = pages.exclude(title__startswith=GENERATED).first()
        if real is not None:
            return real
    return pages.first()


def html_publication():
    """A publication whose report is read on the page itself (its `report` text), if any."""
    model = apps.get_model("publications", "PublicationPage")
    if not any(field.name == "report" for field in model._meta.get_fields()):
        return None
    pages = model.objects.live().order_by("path")
    real = pages.exclude(title__startswith=GENERATED)
    return next((page for page in [*real, *pages] if page.report), None)


def page_types():
    """(name, path) for each page type the benchmark reports, None for a missing one."""
    library = first_live("PublicationIndexPage")
    pages = {
        "home": first_live("HomePage"),
        "strand": first_live("StrandPage"),
        "library": library,
        "publication": first_live("PublicationPage"),
        "html publication": html_publication(),
        "film": first_live("FilmPage"),
        "person": first_live("PersonPage"),
        "people index": first_live("PeopleIndexPage"),
        "news": first_live("NewsIndexPage"),
        "news post": first_live("NewsPostPage"),
        "events index": first_live("EventIndexPage"),
        # At demo size there is none (none are known); --scale makes them, the first upcoming.
        "event": first_live("EventPage"),
    }
    paths = {name: (page.url if page else None) for name, page in pages.items()}
    paths["filtered library"] = f"{library.url}?type=report" if library else None
    paths["search"] = "/search/?q=kindness"
    paths["sitemap"] = "/sitemap.xml"
    # The library's section of the sitemap: the largest, bounded by its page size.
    paths["sitemap section"] = "/sitemap-publications.xml"
    paths["feed"] = "/feed/"
    strand = pages["strand"]
    news = pages["news"]
    paths["filtered news"] = f"{news.url}?strand={strand.slug}" if news and strand else None
    paths["news feed"] = "/news/feed/" if news else None
    events = pages["events index"]
    paths["past events"] = f"{events.url}past/" if events else None
    paths["events calendar"] = f"{events.url}calendar/" if events else None
    order = [
        "home",
        "strand",
        "library",
        "filtered library",
        "publication",
        "html publication",
        "film",
        "person",
        "people index",
        "news",
        "filtered news",
        "news post",
        "events index",
        "past events",
        "event",
        "events calendar",
        "search",
        "sitemap",
        "sitemap section",
        "feed",
        "news feed",
    ]
    return [(name, paths[name]) for name in order]


def measure(client, path, repeat, warm_ups=3):
    for _ in range(warm_ups):  # Renditions, site root paths, Postgres's prepared statements.
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    count = len(queries)  # Read now: the next request clears the log.
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "status": response.status_code,
        "queries": count,
        "median_ms": round(statistics.median(timings), 1),
        "bytes": len(response.content),
        "gzip_bytes": len(gzip.compress(response.content, compresslevel=6)),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--host", default="localhost")
    args = parser.parse_args()
    client = Client(HTTP_HOST=args.host)
    pages = []
    for name, path in page_types():
        row = {"name": name, "path": path}
        if path:
            row |= measure(client, path, args.repeat)
        pages.append(row)
    counts = {
        "publications": Page.objects.type(apps.get_model("publications", "PublicationPage"))
        .live()
        .count(),
        "films": Page.objects.type(apps.get_model("publications", "FilmPage")).live().count(),
        "people": Page.objects.type(apps.get_model("people", "PersonPage")).live().count(),
        "news posts": Page.objects.type(apps.get_model("news", "NewsPostPage")).live().count(),
        "pages": Page.objects.live().count(),
    }
    json.dump({"pages": pages, "content": counts}, sys.stdout)


if __name__ == "__main__":
    main()
