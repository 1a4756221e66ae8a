"""The words around a search match, for a result to show why it was found.

Wagtail's database backend has no highlighting for pages, so the snippet is found here, in
the same text the index was built from: each of the page's search fields but its title, in
the order the page declares them (summary, body, then the text inside its files).
"""

import html
import re
import unicodedata
from itertools import groupby

from django.db.models import prefetch_related_objects
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.search import index
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH

MAX_QUERY_LENGTH = min(200, MAX_QUERY_STRING_LENGTH)

# About two lines of a result, at most.
SNIPPET_LENGTH = 240
# Endings the search backends' stemmers drop, so "kindly" still marks "kind".
SUFFIXES = ("ness", "ing", "ies", "ed", "es", "ly", "s")
MIN_STEM = 3


def clean_query(query):
    """A search as typed, without control characters (from pasted text or hostile links),
    which carry no meaning in a search, and with its spaces tidied."""
    text = "".join(" " if unicodedata.category(char).startswith("C") else char for char in query)
    return " ".join(text.split())


def search_terms(query):
    """The query as the search backend should see it: words, without quotation marks.

    Wagtail 8.0's SQLite backend passes a stray `"` on to FTS5, which rejects it.
    """
    return " ".join(query.replace('"', " ").split())


def query_terms(query):
    return [term.lower() for term in re.findall(r"\w+", query)]


def stem(term):
    for suffix in SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= MIN_STEM:
            return term[: -len(suffix)]
    return term


def terms_pattern(terms):
    """The whole query as a phrase, or any word starting with one of its terms' stems.

    Words shorter than three letters ("of", "a") are marked only inside the phrase.
    """
    stems = sorted({re.escape(stem(term)) for term in terms if len(term) >= 3}, key=len)
    words = rf"\b(?:{'|'.join(reversed(stems))})\w*" if stems else None
    phrase = r"\b" + r"\W+".join(map(re.escape, terms)) + r"\b" if len(terms) > 1 else None
    return re.compile("|".join(p for p in (phrase, words) if p) or r"(?!)", re.IGNORECASE)


def phrase_pattern(terms):
    return re.compile(r"\b" + r"\W+".join(map(re.escape, terms)) + r"\b", re.IGNORECASE)


def plain_text(value):
    """A search field's value (a string, or a StreamField's list of them) as one line."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = " ".join(plain_text(item) for item in value)
    text = html.unescape(strip_tags(str(value)))
    return " ".join(text.split())


def searched_texts(page):
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name != "title":
            yield plain_text(field.get_value(page))


def first_match(text, terms):
    if len(terms) > 1:
        phrase = phrase_pattern(terms).search(text)
        if phrase:
            return phrase
    return terms_pattern(terms).search(text)


def window(text, match, length=SNIPPET_LENGTH):
    """(start, end) of about `length` characters around `match`, cut at spaces."""
    start = max(0, match.start() - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if -1 < space < match.start() else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", match.end(), end)
        end = space if space != -1 else max(end, match.end())
    return start, end


def marked(text, terms):
    """`text` HTML-escaped, with every word matching a term inside <mark>."""
    out, last = [], 0
    for match in terms_pattern(terms).finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def search_snippet(page, query):
    """The words around the first match of `query` in `page`'s text, matches marked.

    Empty when only the title matches (or nothing the snippet can see): the result then
    shows its usual description.
    """
    terms = query_terms(query)
    if not terms:
        return ""
    for text in searched_texts(page):
        match = first_match(text, terms)
        if match:
            start, end = window(text, match)
            snippet = marked(text[start:end], terms)
            prefix = "… " if start else ""
            suffix = " …" if end < len(text) else ""
            return mark_safe(f"{prefix}{snippet}{suffix}")
    return ""


def prefetch_for_snippets(pages):
    """Fetch what each page type's snippet reads (`search_result_prefetch`), a type at a
    time, so a page of results costs the same number of queries however many it holds."""
    by_type = sorted(pages, key=lambda page: type(page).__qualname__)
    for _name, group in groupby(by_type, key=lambda page: type(page).__qualname__):
        group = list(group)
        lookups = getattr(type(group[0]), "search_result_prefetch", ())
        if lookups:
            prefetch_related_objects(group, *lookups)
