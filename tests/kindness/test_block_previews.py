"""The block picker previews every block an editor can add, drawn with the site's own CSS.

Each preview is fetched from the admin's block-preview view, as the picker does. The walk
covers every block offered by every page type's StreamFields, so a block added later is
held to the same rule without editing this file.
"""

import pytest
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from people.models import PersonPage
from programme.models import StrandPage
from tests.html import soup, visible_text
from tests.kindness.factories import ImageFactory
from tests.people.factories import PersonPageFactory
from tests.programme.factories import StrandPageFactory

SITE_STYLESHEETS = {"tokens.css", "base.css", "layout.css", "components.css"}


def offered_blocks():
    """(where, block) for every block a block picker offers, in every page type's fields."""
    found = {}

    def walk(block, path):
        if isinstance(block, blocks.StreamBlock):
            for name, child in block.child_blocks.items():
                found.setdefault(child.definition_prefix, (f"{path}.{name}", child))
        if isinstance(block, blocks.ListBlock):
            walk(block.child_block, f"{path}[]")
        elif isinstance(block, (blocks.StructBlock, blocks.StreamBlock)):
            for name, child in block.child_blocks.items():
                walk(child, f"{path}.{name}")

    for model in get_page_models():
        if model is Page:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                walk(field.stream_block, f"{model.__name__}.{field.name}")
    return sorted(found.values(), key=lambda item: item[0])


OFFERED = offered_blocks()


def preview(client, block):
    return soup(client.get("/admin/block-preview/", {"id": block.definition_prefix}))


def stylesheets(html):
    return {link["href"].rsplit("/", 1)[-1] for link in html.select("link[rel=stylesheet]")}


def shown(html):
    return html.select_one("main .block-preview")


@pytest.mark.parametrize(("where", "block"), OFFERED, ids=[where for where, _ in OFFERED])
def test_every_block_has_a_preview_in_the_sites_own_style(where, block, demo, editor):
    assert block.is_previewable, f"{where} has no preview in the block picker"
    html = preview(editor, block)
    assert stylesheets(html) >= SITE_STYLESHEETS, where
    # It shows what the block makes, in words a reader would see, not an empty frame.
    assert len(visible_text(shown(html))) >= 5, where


def named(block_name, block_class_name):
    """The offered block of that name and class."""
    for where, block in OFFERED:
        if where.endswith(f".{block_name}") and type(block).__name__ == block_class_name:
            return block
    raise LookupError(block_name)


def test_a_report_blocks_preview_has_the_reports_own_styles_too(demo, editor):
    html = preview(editor, named("callout", "CalloutBlock"))
    assert "report.css" in stylesheets(html)
    assert html.select_one(".report-body .callout")


def test_the_figure_previews_a_picture_from_the_library_with_its_alt_text(home, editor):
    ImageFactory(title="Volunteers", description="Volunteers at a community fridge")
    html = preview(editor, named("image", "FigureBlock"))
    figure = shown(html).select_one("figure.figure")
    assert figure.select_one("img")["alt"] == "Volunteers at a community fridge"
    assert visible_text(figure.figcaption)


def test_the_table_previews_with_a_caption_and_headers(demo, editor):
    table = shown(preview(editor, named("table", "ReportTableBlock"))).select_one("table")
    assert visible_text(table.caption)
    assert [visible_text(th) for th in table.select("thead th[scope=col]")] == [
        "Jurisdiction",
        "Agree (%)",
        "Strongly agree (%)",
    ]
    assert [visible_text(th) for th in table.select("tbody th[scope=row]")] == [
        "Scotland",
        "Wales",
    ]


def test_speak_to_previews_the_sites_own_people(people_index, editor):
    PersonPageFactory(parent=people_index, title="Ben Thurman", role="Policy and development")
    PersonPageFactory(parent=people_index, title="Jennifer Wallace")
    html = shown(preview(editor, named("speak_to", "SpeakToBlock")))
    names = [visible_text(name) for name in html.select(".person-card__name")]
    assert sorted(names) == ["Ben Thurman", "Jennifer Wallace"]
    assert PersonPage.objects.count() == 2


def test_the_timeline_previews_the_sites_own_strands(strand_index, editor):
    for year, title in ((2016, "Kindness and the places we live"), (2018, "Quantifying")):
        StrandPageFactory(parent=strand_index, title=title, start_year=year, end_year=year)
    html = shown(preview(editor, named("timeline", "TimelineBlock")))
    assert [visible_text(t) for t in html.select(".timeline__title")] == [
        "Kindness and the places we live",
        "Quantifying",
    ]
    assert [visible_text(p) for p in html.select(".timeline__period")] == ["2016", "2018"]
    assert StrandPage.objects.count() == 2
