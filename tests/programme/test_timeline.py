"""The landing page's timeline is told by the strand pages an editor chooses, in their order."""

import importlib
import json

import pytest
from django.apps import apps
from django.db import connection
from wagtail.blocks import StructBlockValidationError

from programme.blocks import TimelineBlock
from programme.demo import STRANDS
from programme.models import HomePage, StrandPage
from tests.html import soup, visible_text
from tests.programme.factories import StrandPageFactory
from tests.queries import assert_same_number, settled_queries

migration = importlib.import_module("programme.migrations.0005_timeline_from_strand_pages")


def timeline_stages(client):
    stages = soup(client.get("/")).select(".timeline .timeline__stage")
    return [
        (
            visible_text(stage.select_one(".timeline__period")),
            visible_text(stage.select_one(".timeline__title")),
            stage.select_one(".timeline__title a")["href"],
            visible_text(stage.select_one(".timeline__description")),
        )
        for stage in stages
    ]


def show_timeline(home, strands):
    home.body = [("timeline", {"heading": "The programme so far", "strands": strands})]
    home.save_revision().publish()


@pytest.fixture
def survey(strand_index):
    return StrandPageFactory(
        parent=strand_index,
        title="Quantifying kindness",
        slug="quantifying-kindness",
        start_year=2018,
        end_year=2018,
        summary="The first survey of kindness.",
    )


@pytest.fixture
def health(strand_index):
    return StrandPageFactory(
        parent=strand_index,
        title="Kindness in health and social care",
        slug="health",
        start_year=2020,
        end_year=None,
        status=StrandPage.Status.CURRENT,
        summary="Medics reflect on kindness.",
    )


def test_each_stage_shows_its_strands_period_title_and_summary_in_the_editors_order(
    home, survey, health, client
):
    show_timeline(home, [health, survey])
    assert timeline_stages(client) == [
        (
            "2020–present",
            "Kindness in health and social care",
            "/programme/health/",
            "Medics reflect on kindness.",
        ),
        (
            "2018",
            "Quantifying kindness",
            "/programme/quantifying-kindness/",
            "The first survey of kindness.",
        ),
    ]


def test_editing_a_strand_changes_the_timeline_without_touching_the_home_page(home, survey, client):
    show_timeline(home, [survey])
    survey.title = "Measuring kindness"
    survey.end_year = 2019
    survey.summary = "A survey, told anew."
    survey.save_revision().publish()
    [(period, title, _href, summary)] = timeline_stages(client)
    assert (period, title, summary) == ("2018–2019", "Measuring kindness", "A survey, told anew.")


def test_an_unpublished_strand_is_left_out(home, survey, health, client):
    show_timeline(home, [survey, health])
    health.unpublish()
    assert [title for _period, title, _href, _summary in timeline_stages(client)] == [
        "Quantifying kindness"
    ]


def test_a_strand_can_be_chosen_only_once(survey):
    block = TimelineBlock()
    value = block.to_python({"heading": "The programme so far", "strands": [survey.pk, survey.pk]})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "only once" in str(error.value.non_block_errors)


def test_the_timeline_costs_the_same_queries_for_two_strands_or_ten(home, strand_index, client):
    strands = [StrandPageFactory(parent=strand_index) for _ in range(10)]
    show_timeline(home, strands[:2])
    few = settled_queries(client, "/")
    show_timeline(home, strands)
    assert len(timeline_stages(client)) == 10
    assert_same_number(few, settled_queries(client, "/"))


def store_raw_body(page, body):
    """Write `body` as the stored JSON, the way the old block left it, bypassing the blocks."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE programme_homepage SET body = %s WHERE page_ptr_id = %s",
            [json.dumps(body), page.pk],
        )


def old_stage(title, page=None, period="2018"):
    return {"period": period, "title": title, "description": "Retyped.", "page": page}


def test_the_migration_turns_old_stages_into_their_strands(home, survey, health, client):
    home.save_revision().publish()
    old_timeline = {
        "type": "timeline",
        "id": "timeline-1",
        "value": {
            "heading": "The programme so far",
            "stages": [
                # Linked to its strand page.
                {"type": "item", "id": "a", "value": old_stage("Survey", page=survey.pk)},
                # Not linked, but titled like a strand.
                {
                    "type": "item",
                    "id": "b",
                    "value": old_stage("kindness in health and social care "),
                },
                # Neither: no strand can tell it.
                {"type": "item", "id": "c", "value": old_stage("A stage with no page")},
                # The same strand again.
                {"type": "item", "id": "d", "value": old_stage("Again", page=survey.pk)},
            ],
        },
    }
    store_raw_body(home, [old_timeline])
    revision = home.latest_revision
    revision.content["body"] = json.dumps([old_timeline])
    revision.save()

    migration.Migration.operations[0].code(apps, None)

    home = HomePage.objects.get(pk=home.pk)
    [timeline] = home.body.raw_data
    assert timeline["id"] == "timeline-1"
    assert timeline["value"]["heading"] == "The programme so far"
    assert [(item["id"], item["value"]) for item in timeline["value"]["strands"]] == [
        ("a", survey.pk),
        ("b", health.pk),
    ]
    revision.refresh_from_db()
    assert json.loads(revision.content["body"])[0]["value"] == timeline["value"]
    assert [title for _p, title, _h, _s in timeline_stages(client)] == [
        "Quantifying kindness",
        "Kindness in health and social care",
    ]


def test_the_migration_reads_the_oldest_list_format_too(home, survey):
    store_raw_body(
        home,
        [
            {
                "type": "timeline",
                "id": "t",
                "value": {"heading": "So far", "stages": [old_stage("x", page=survey.pk)]},
            }
        ],
    )
    migration.Migration.operations[0].code(apps, None)
    [timeline] = HomePage.objects.get(pk=home.pk).body.raw_data
    assert [item["value"] for item in timeline["value"]["strands"]] == [survey.pk]


def test_the_demo_timeline_tells_every_strand_in_the_order_it_ran(demo, client):
    stages = timeline_stages(client)
    assert [title for _period, title, _href, _summary in stages] == [s["title"] for s in STRANDS]
    for period, title, href, summary in stages:
        strand = StrandPage.objects.get(title=title)
        assert (period, href, summary) == (strand.period, strand.url, strand.summary)
