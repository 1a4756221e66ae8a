"""A report published as a web page: its sections' numbers and links, its chapters, its
contents list, its footnotes and its reading time.

Everything here is worked out from the page's `report` StreamField each time the page is
shown, except the link names (anchors) and chapter addresses: those are written into the
blocks when the page is saved (`assign_anchors`) and kept from then on, so a link to a
section still works after the heading's words change or sections are added before it.
"""

import math
import re
from dataclasses import dataclass, field

from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify

# [^label] in a report's text cites the note with that label.
MARKER = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
# A screen's reading speed for a report's kind of prose (words a minute).
WORDS_PER_MINUTE = 200
MAX_SLUG_LENGTH = 80

# Ids the publication page gives its own parts; a section's link name never takes one.
PAGE_IDS = {
    "main",
    "contents",
    "contents-heading",
    "notes",
    "notes-heading",
    "report",
    "downloads-heading",
    "film-heading",
    "cite-heading",
    "related-heading",
    "share-heading",
    "share-new-tab",
}
# Ids other parts of a report make for themselves: notes, references, charts, chapters, tables.
GENERATED_ID = re.compile(r"^(note|note-ref|chart|chapter|table)-")
# Addresses under a publication that are not chapters.
OTHER_ROUTES = {"bibtex", "download", "downloads", "pdf"}


def slug_for(text):
    """A link name made of `text`: lower case, hyphens, at most 80 characters."""
    return slugify(text)[:MAX_SLUG_LENGTH].strip("-")


def _claim(wanted, taken, reserved, fallback):
    """`wanted`, or `wanted-2`, `wanted-3`... whichever is free; recorded in `taken`."""
    base = wanted or fallback
    if base in reserved or GENERATED_ID.match(base):
        base = f"{fallback}-{base}"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _headings_and_chapters(report):
    """(kind, struct value) for every chapter and heading, in reading order."""
    for child in report:
        if child.block_type == "chapter":
            yield "chapter", child.value
            for inner in child.value["content"]:
                if inner.block_type == "heading":
                    yield "heading", inner.value
        elif child.block_type == "heading":
            yield "heading", child.value


def assign_anchors(report):
    """Give each heading a unique link name and each chapter a unique address, in place.

    Names already given are kept (the first of two identical ones keeps it, as when an
    editor duplicates a block); missing ones are made from the heading or title.
    """
    items = list(_headings_and_chapters(report))
    taken = {"heading": set(), "chapter": set()}
    reserved = {"heading": PAGE_IDS, "chapter": OTHER_ROUTES}
    key = {"heading": ("anchor", "text", "section"), "chapter": ("slug", "title", "chapter")}
    missing = []
    for kind, value in items:
        name_field, _text_field, fallback = key[kind]
        if value[name_field]:
            value[name_field] = _claim(
                slug_for(value[name_field]), taken[kind], reserved[kind], fallback
            )
        else:
            missing.append((kind, value))
    for kind, value in missing:
        name_field, text_field, fallback = key[kind]
        value[name_field] = _claim(
            slug_for(value[text_field]), taken[kind], reserved[kind], fallback
        )


def cited_labels(report):
    """Every note label the report's text cites, in order, repeats included."""
    labels = []
    for text in _texts(report):
        labels += MARKER.findall(text)
    return labels


def _texts(stream):
    for child in stream:
        if child.block_type == "chapter":
            yield from _texts(child.value["content"])
        elif child.block_type == "paragraph":
            yield child.value.source
        elif child.block_type == "callout":
            yield child.value["text"].source


def strip_markers(html):
    return mark_safe(MARKER.sub("", str(html)))  # noqa: S308 - removes text from safe HTML


@dataclass
class Note:
    label: str
    number: int
    text: object
    prefix: str = ""
    references: list = field(default_factory=list)

    @property
    def id(self):
        return f"note-{self.prefix}{self.number}"


class Footnotes:
    """The notes cited on one rendered page, numbered in the order they are first cited.

    In a report of chapters each chapter numbers its own notes from 1; `prefix` (the
    chapter's number) keeps their ids apart when chapters share a document (the PDF).
    """

    def __init__(self, notes, prefix=""):
        self.notes = {note["label"]: note["text"] for note in notes}
        self.prefix = prefix
        self.cited = {}

    @property
    def heading_id(self):
        return f"notes-heading{'-' if self.prefix else ''}{self.prefix.rstrip('-')}"

    def __iter__(self):
        return iter(self.cited.values())

    def __len__(self):
        return len(self.cited)

    def cite(self, label):
        note = self.cited.get(label)
        if note is None:
            note = self.cited[label] = Note(
                label, len(self.cited) + 1, self.notes[label], self.prefix
            )
        reference_id = f"note-ref-{self.prefix}{note.number}-{len(note.references) + 1}"
        note.references.append(reference_id)
        return note, reference_id

    def link_markers(self, html):
        """`html` with each [^label] a numbered link to its note (a label with no note goes)."""

        def link(match):
            if match.group(1) not in self.notes:
                return ""
            note, reference_id = self.cite(match.group(1))
            return format_html(
                '<sup class="note-ref"><a href="#{}" id="{}" role="doc-noteref">'
                '[<span class="visually-hidden">Note </span>{}]</a></sup>',
                note.id,
                reference_id,
                note.number,
            )

        return mark_safe(MARKER.sub(link, str(html)))  # noqa: S308 - only adds our own links


@dataclass
class Heading:
    text: str
    level: str
    anchor: str
    number: str
    # The element: a level lower inside a chapter, whose own title is the h2.
    tag: str = "h2"
    children: list = field(default_factory=list)


@dataclass
class Chapter:
    number: int
    title: str
    slug: str
    content: object
    url: str = ""
    current: bool = False


def number_headings(content, prefix=""):
    """{block id: Heading} for the headings in `content`, numbered 1, 1.1... after `prefix`
    (a chapter's number and a dot, whose headings are a level lower)."""
    tags = {"h2": "h3", "h3": "h4"} if prefix else {"h2": "h2", "h3": "h3"}
    headings = {}
    section = subsection = 0
    for child in content:
        if child.block_type != "heading":
            continue
        value = child.value
        if value["level"] == "h3":
            subsection += 1
            number = f"{prefix}{max(section, 1)}.{subsection}"
        else:
            section += 1
            subsection = 0
            number = f"{prefix}{section}"
        headings[child.id or str(id(child))] = Heading(
            value["text"],
            value["level"],
            value["anchor"] or slug_for(value["text"]),
            number,
            tags[value["level"]],
        )
    return headings


def outline(headings):
    """The headings as a contents list: sections with their sub-headings inside."""
    sections = []
    for heading in headings.values():
        heading.children = []
        if heading.level == "h3" and sections:
            sections[-1].children.append(heading)
        else:
            sections.append(heading)
    return sections


def word_count(stream):
    words = 0
    for child in stream:
        for text in child.block.get_searchable_content(child.value):
            words += len(strip_tags(MARKER.sub("", str(text))).split())
    return words


def reading_time(stream):
    """Whole minutes to read `stream`, at least one."""
    return max(1, math.ceil(word_count(stream) / WORDS_PER_MINUTE))


def chapters_of(report, page_url):
    chapters = []
    for child in report:
        if child.block_type == "chapter":
            number = len(chapters) + 1
            slug = child.value["slug"] or slug_for(child.value["title"])
            chapters.append(
                Chapter(
                    number,
                    child.value["title"],
                    slug,
                    child.value["content"],
                    # The first chapter is the publication's own page.
                    page_url if number == 1 else f"{page_url}{slug}/",
                )
            )
    return chapters


def find_chapter(report, slug):
    """The chapter at `slug` (its number from 1), or None."""
    for chapter in chapters_of(report, ""):
        if chapter.slug == slug:
            return chapter
    return None


def _part(page, chapters, current, content):
    if current is not None:
        headings = number_headings(content, prefix=f"{current.number}.")
        index = chapters.index(current)
    else:
        headings = number_headings(content)
    return {
        "items": [(child, headings.get(child.id or str(id(child)))) for child in content],
        "sections": outline(headings),
        "chapters": chapters,
        "chapter": current,
        "previous": chapters[index - 1] if current and index > 0 else None,
        "next": chapters[index + 1] if current and index + 1 < len(chapters) else None,
        "reading_minutes": reading_time(page.report),
        "footnotes": Footnotes(
            [child.value for child in page.report_notes],
            prefix=f"{current.number}-" if current else "",
        ),
    }


def report_context(page, page_url, chapter_slug=None):
    """What the report's templates need to show the page's report, or one chapter of it
    (the first when `chapter_slug` names none); None when the page has no report.

    `page_url` is the publication's address (relative or absolute, ending in /).
    """
    if not page.report:
        return None
    chapters = chapters_of(page.report, page_url)
    if not chapters:
        return _part(page, chapters, None, page.report)
    current = next((c for c in chapters if c.slug == chapter_slug), chapters[0])
    current.current = True
    return _part(page, chapters, current, current.content)


def whole_report_context(page, page_url):
    """What the report's templates need to show every chapter on one page, one after
    another, as an approver previews it (`parts`, each like `report_context`'s); the
    ordinary context when the report has no chapters, since its page already shows it all."""
    if not page.report or not chapters_of(page.report, page_url):
        return report_context(page, page_url)
    return {
        "parts": report_parts(page, page_url),
        "reading_minutes": reading_time(page.report),
    }


def report_parts(page, page_url):
    """The whole report, one context like `report_context`'s per chapter (or just one), for
    a document that holds all of it, such as the PDF: each renders with
    `publications/includes/report_body.html` as `report`."""
    if not page.report:
        return []
    chapters = chapters_of(page.report, page_url)
    if not chapters:
        return [_part(page, chapters, None, page.report)]
    return [_part(page, chapters, chapter, chapter.content) for chapter in chapters]
