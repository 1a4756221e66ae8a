"""A report split into chapters, for the checks that visit every chapter's own page.

The demo's reports have no chapters, so these checks build one: the demo survey's summary
in three chapters, with numbered sections, a call-out, a chart, a table and notes cited in
two of them.
"""

from publications.demo import SURVEY_NOTES, SURVEY_SUMMARY
from tests.publications.factories import PublicationPageFactory


def _chapter(title, blocks):
    content = [{"type": kind, "value": value} for kind, value in blocks]
    return {"type": "chapter", "value": {"title": title, "slug": "", "content": content}}


CHAPTERED_SURVEY = [
    _chapter("About the survey", SURVEY_SUMMARY[:2]),
    _chapter("What the survey found", SURVEY_SUMMARY[2:8]),
    _chapter("Kindness at the public library", SURVEY_SUMMARY[8:]),
]


def chaptered_report(library):
    """A live publication under `library` whose report is in chapters."""
    return PublicationPageFactory(
        parent=library,
        title="Quantifying kindness, in chapters",
        slug="quantifying-kindness-in-chapters",
        report=CHAPTERED_SURVEY,
        report_notes=[{"type": kind, "value": value} for kind, value in SURVEY_NOTES],
    )


def chapter_paths(page):
    """The address of each chapter: the publication's own, then each other chapter's."""
    return [page.url] + [f"{page.url}{chapter.value['slug']}/" for chapter in list(page.report)[1:]]
