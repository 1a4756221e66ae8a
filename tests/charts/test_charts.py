"""The chart block: what editors are told when the data is wrong, and what readers get."""

import csv
import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail import blocks

from charts import rendering
from charts.blocks import ChartBlock
from publications.models import PublicationPage
from tests.charts.chart_examples import LIBRARY_CSV, chart, chart_page
from tests.html import soup, visible_text

FACTS = [
    ("Northern Ireland", 96, 44),
    ("Ireland", 94, 49),
    ("Scotland", 93, 56),
    ("Wales", 92, 45),
    ("England", 90, 33),
]


def data_errors(data, chart_type="grouped"):
    with pytest.raises(blocks.StructBlockValidationError) as raised:
        ChartBlock().clean(ChartBlock().to_python(chart(data, chart_type)))
    return list(raised.value.block_errors["data"])


@pytest.mark.parametrize(
    ("data", "chart_type", "expected"),
    [
        ("", "grouped", "This field is required."),
        ("Place,Agree\n", "grouped", "Row 2: add a row of data under the header row."),
        ("Place\nWales\n", "bar", "Row 1: the header row needs a name for the categories"),
        ("Place,Agree,\nWales,1,2", "grouped", "Row 2, column 3: this cell has no series name"),
        ("Place,,Agree\nWales,1,2", "grouped", "Row 1, column 2: this series has no name."),
        ("Place,Agree,Disagree\nWales,1,", "grouped", "Row 2, column 3 (Disagree): this cell is"),
        ("Place,Agree\nWales,1\nEngland,lots", "grouped", "Row 3, column 2 (Agree): “lots” is not"),
        ("Place,Agree\nWales,-4", "grouped", "Row 2, column 2 (Agree): -4 is below zero"),
        ("Place,Agree\n,4", "grouped", "Row 2, column 1: this category has no name."),
        ("Place,Agree\nWales,4\nWales,5", "grouped", "Row 3, column 1: “Wales” is already in"),
        ("Place,A,B,C,D,E,F\nWales,1,2,3,4,5,6", "grouped", "Row 1, column 7: too many series."),
        ("Place,A,B\nWales,1,2", "bar", "Row 1, column 3: too many series for a horizontal bar"),
        ("Place,A\n" + "\n".join(f"P{n},1" for n in range(21)), "bar", "Row 22: too many rows."),
        ("Year,People\n2020,4", "line", "A line chart needs at least two rows"),
    ],
    ids=[
        "nothing",
        "no rows",
        "no series",
        "extra cell",
        "unnamed series",
        "empty cell",
        "not a number",
        "negative",
        "unnamed category",
        "repeated category",
        "too many series",
        "too many series for one bar",
        "too many rows",
        "one point line",
    ],
)
def test_bad_data_is_refused_with_its_row_and_column(data, chart_type, expected):
    errors = data_errors(data, chart_type)
    assert any(message.startswith(expected) for message in errors), errors


def test_every_problem_is_listed_not_only_the_first():
    errors = data_errors("Place,Agree,Disagree\nWales,x,\nEngland,3,4,5")
    assert errors == [
        "Row 2, column 2 (Agree): “x” is not a number. Write numbers only, such as 42 or 4.5, "
        "without units or thousands separators.",
        "Row 2, column 3 (Disagree): this cell is empty. Write 0 if the value is zero.",
        "Row 3, column 4: this cell has no series name above it in row 1. Remove it, or name "
        "the series.",
    ]


def test_good_data_passes_whether_pasted_from_a_spreadsheet_or_typed():
    tabs = "Place\tAgree\nWales\t92%\n\nEngland\t 90.5 \n"
    for data in (LIBRARY_CSV, tabs, 'Place,Agree\n"Wales, north",4'):
        value = ChartBlock().clean(ChartBlock().to_python(chart(data)))
        assert value["data"] == data.strip()


@pytest.fixture
def library_chart_page(demo, client):
    page = PublicationPage.objects.get(slug="quantifying-kindness-public-engagement-and-place")
    return page, soup(client.get(page.url))


def bars(figure):
    return [
        (rect["data-chart-value"], float(rect["width"]))
        for rect in figure.select("svg rect.chart__bar")
    ]


def test_the_demo_report_charts_the_five_jurisdictions_with_its_source(library_chart_page):
    _page, html = library_chart_page
    (figure,) = html.select("figure.chart")
    assert visible_text(figure.select_one(".chart__title")) == (
        "People who agree they are treated with kindness at their public library"
    )
    assert visible_text(figure.select_one(".chart__source")) == (
        "Source: Carnegie UK Trust, Quantifying kindness, public engagement and place "
        "(13 November 2018); survey fieldwork by Ipsos MORI."
    )
    expected = [
        label
        for place, agree, strongly in FACTS
        for label in (f"{place}, Agree: {agree}%", f"{place}, Strongly agree: {strongly}%")
    ]
    assert [label for label, _width in bars(figure)] == expected


def test_each_bar_is_as_long_as_its_value_in_proportion(library_chart_page):
    _page, html = library_chart_page
    widths = [width for _label, width in bars(html.select_one("figure.chart"))]
    values = [value for _place, *pair in FACTS for value in pair]
    assert len(widths) == len(values) == 10
    for width, value in zip(widths, values, strict=True):
        assert width / widths[0] == pytest.approx(value / values[0], abs=0.002)
    # Each value is written beside its bar, too.
    texts = [visible_text(text) for text in html.select("figure.chart text.chart__value")]
    assert texts == [f"{value}%" for value in values]


def test_the_svg_is_an_image_named_by_its_title_and_description(library_chart_page):
    _page, html = library_chart_page
    svg = html.select_one("figure.chart svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert visible_text(svg.find(id=title_id)) == (
        "People who agree they are treated with kindness at their public library"
    )
    assert svg.find(id=desc_id).name == "desc"
    assert "between 33% and 56% strongly agree" in svg.find(id=desc_id).text
    # Nothing the strict Content Security Policy would block.
    assert not svg.find("style")
    assert not [tag for tag in svg.find_all(True) if "style" in tag.attrs]


def test_the_table_under_show_the_data_matches_the_data(library_chart_page):
    _page, html = library_chart_page
    details = html.select_one("figure.chart details")
    assert visible_text(details.summary) == "Show the data"
    table = details.find("table")
    assert [visible_text(th) for th in table.thead.find_all("th")] == [
        "Jurisdiction",
        "Agree",
        "Strongly agree",
    ]
    assert all(th["scope"] == "col" for th in table.thead.find_all("th"))
    rows = [
        (visible_text(tr.th), *(int(visible_text(td)) for td in tr.find_all("td")))
        for tr in table.tbody.find_all("tr")
    ]
    assert rows == FACTS
    assert all(tr.th["scope"] == "row" for tr in table.tbody.find_all("tr"))


def test_the_csv_download_round_trips_and_can_be_cached(library_chart_page, client):
    page, html = library_chart_page
    link = html.select_one("figure.chart .chart__download a")
    assert re.fullmatch(rf"/charts/{page.pk}/[0-9a-f-]{{36}}\.csv", link["href"])
    response = client.get(link["href"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="people-who-agree-they-are-treated-with-kindness-at-their-'
        'public-library.csv"'
    )
    assert "public" in response["Cache-Control"]
    assert "max-age=3600" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Jurisdiction", "Agree", "Strongly agree"]
    assert [(place, int(agree), int(strongly)) for place, agree, strongly in rows[1:]] == FACTS

    again = client.get(link["href"], headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_csv_keeps_decimals_and_commas_and_defuses_formulas(home, client):
    data = 'Place,Share\n"Wales, north",4.50\n=HYPERLINK(1),0.25'
    page = chart_page(home, [chart(data, "bar")])
    link = soup(client.get(page.url)).select_one(".chart__download a")["href"]
    rows = list(csv.reader(io.StringIO(client.get(link).content.decode())))
    assert rows == [["Place", "Share"], ["Wales, north", "4.50"], ["'=HYPERLINK(1)", "0.25"]]


def test_csv_is_only_for_a_chart_on_a_live_public_page(home, client):
    page = chart_page(home, [chart()])
    link = soup(client.get(page.url)).select_one(".chart__download a")["href"]
    assert client.get(link).status_code == 200
    assert client.get(link.replace(link.split("/")[-1], f"{'0' * 36}.csv")).status_code == 404
    page.unpublish()
    assert client.get(link).status_code == 404


def test_a_page_of_every_chart_type_has_unique_ids(home, client):
    page = chart_page(home)
    html = soup(client.get(page.url))
    figures = html.select("figure.chart")
    assert len(figures) == 11
    ids = [tag["id"] for tag in html.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for figure in figures:
        svg = figure.svg
        for reference in re.findall(r"url\(#([^)]+)\)", str(svg)):
            assert svg.find(id=reference), reference
    # One mark per value in each chart: a bar or a point.
    assert len(figures[0].select("rect.chart__bar")) == 3
    assert len(figures[3].select("g.chart__point")) == 10
    # One script for all of them, a module from our own origin.
    scripts = {script["src"] for script in html.select("figure.chart ~ script[type=module]")}
    assert scripts == {"/static/charts/chart.js"}


def test_the_block_picker_shows_a_preview(editor):
    block = PublicationPage._meta.get_field("body").stream_block.child_blocks["chart"]
    response = editor.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    html = soup(response)
    assert html.select_one("figure.chart svg[role=img]")
    assert len(html.select("rect.chart__bar")) == 4
    assert visible_text(html.select_one(".chart__title")) == (
        "People treated with kindness at their public library"
    )


def test_the_description_says_what_the_chart_shows_in_words(library_chart_page):
    _page, html = library_chart_page
    assert html.select_one("figure.chart svg desc").text == (
        "In every jurisdiction at least 90% agree that they are treated with kindness at "
        "their public library; between 33% and 56% strongly agree. Grouped bar chart of "
        "Agree and Strongly agree by Jurisdiction (5 in all), from 33% to 96%. The same data "
        "is in the table that follows."
    )


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, other):
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_chart_colours_come_from_the_tokens_and_keep_their_contrast():
    css = settings.BASE_DIR / "static" / "css"
    tokens = dict(
        re.findall(r"(--color-[\w-]+):\s*(#[0-9a-f]{6})", (css / "tokens.css").read_text())
    )
    rules = dict(
        re.findall(
            r"\.chart__(series-\d|text|line--\d|marker--\d)[^{]*\{[^}]*?(?:fill|stroke):\s*"
            r"var\((--color-[\w-]+)\)",
            (css / "components.css").read_text(),
        )
    )
    series = [rules[f"series-{n}"] for n in range(1, rendering.MAX_SERIES + 1)]
    assert len(set(series)) == rendering.MAX_SERIES
    for name in series + [rules[f"line--{n}"] for n in range(1, rendering.MAX_SERIES + 1)]:
        # Bars and lines are graphics: 3:1 against the page (WCAG 1.4.11).
        assert contrast(tokens[name], tokens["--color-paper"]) >= 3, name
    # Text is text: 4.5:1.
    assert contrast(tokens[rules["text"]], tokens["--color-paper"]) >= 4.5
