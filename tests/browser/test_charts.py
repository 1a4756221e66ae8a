"""Charts in a real browser: text that never overlaps on a 320 px screen, no WCAG
violation, and values read out on hover and from the keyboard."""

import pytest

from tests.browser.axe import describe, enable_axe, violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.keyboard import every_tab_stop
from tests.charts.chart_examples import EVERY_CHART, chart_page

# For each chart: every piece of text and every bar, as the browser laid them out.
LAYOUT = """() => [...document.querySelectorAll("figure.chart svg")].map(svg => {
    const box = element => {
        const r = element.getBoundingClientRect();
        return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
    };
    return {
        title: svg.querySelector("title").textContent,
        svg: box(svg),
        texts: [...svg.querySelectorAll("text")].map(text => ({
            text: text.textContent,
            onBar: text.classList.contains("chart__text--small") &&
                text.previousElementSibling?.classList.contains("chart__value-bg"),
            ...box(text),
        })),
        bars: [...svg.querySelectorAll("rect.chart__bar")].map(box),
    };
})"""


def overlap(a, b, slack=0.5):
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack
    )


def test_no_chart_text_overlaps_or_spills_at_320_px(demo_site, new_page):
    path = chart_page(demo_site).url
    page = new_page(width=320, height=700)
    page.goto(path)
    charts = page.evaluate(LAYOUT)
    assert [chart["title"] for chart in charts] == [value["title"] for value in EVERY_CHART]
    problems = []
    for chart in charts:
        texts, svg = chart["texts"], chart["svg"]
        for index, text in enumerate(texts):
            if not (
                text["left"] >= svg["left"] - 0.5
                and text["right"] <= svg["right"] + 0.5
                and text["top"] >= svg["top"] - 0.5
                and text["bottom"] <= svg["bottom"] + 0.5
            ):
                problems.append(f"{chart['title']}: “{text['text']}” spills out of the chart")
            problems += [
                f"{chart['title']}: “{text['text']}” overlaps “{other['text']}”"
                for other in texts[index + 1 :]
                if overlap(text, other)
            ]
            if not text["onBar"]:
                problems += [
                    f"{chart['title']}: “{text['text']}” overlaps a bar"
                    for bar in chart["bars"]
                    if overlap(text, bar)
                ]
    assert problems == []
    # And the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]], ids=["390", "1280"])
def test_a_page_of_every_chart_type_has_no_wcag_violation(demo_site, new_page, width):
    path = chart_page(demo_site).url
    page = enable_axe(new_page(width=width))
    page.goto(path)
    # With every table shown, and one chart's readout in use, so axe checks them too.
    tables = page.locator("figure.chart details").all()
    assert tables, "the charts offer their tables"
    for details in tables:
        details.locator("summary").click()
    page.locator("figure.chart svg").first.focus()
    if found := violations(page):
        pytest.fail(describe({path: found}), pytrace=False)


def test_hovering_or_arrowing_through_a_chart_reads_out_each_value(demo_site, new_page):
    page = new_page()
    page.goto(chart_page(demo_site, EVERY_CHART[1:2]).url)
    readout = page.locator("figure.chart .chart__readout")
    assert readout.get_attribute("aria-live") == "polite"
    assert readout.text_content() == ""

    page.locator("rect.chart__bar").nth(5).hover()
    assert readout.text_content() == "Scotland, Strongly agree: 56%"

    svg = page.locator("figure.chart svg")
    svg.focus()
    page.keyboard.press("ArrowRight")
    assert readout.text_content() == "Wales, Agree: 92%"
    assert "is-active" in page.locator("rect.chart__bar").nth(6).get_attribute("class")
    page.keyboard.press("End")
    assert readout.text_content() == "England, Strongly agree: 33%"
    page.keyboard.press("ArrowRight")
    assert readout.text_content() == "Northern Ireland, Agree: 96%"


def test_the_chart_and_its_data_are_there_without_javascript(demo_site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(chart_page(demo_site, EVERY_CHART[1:2]).url)
    assert page.locator("rect.chart__bar").count() == 10
    assert not page.locator("figure.chart svg").get_attribute("tabindex")
    page.locator("figure.chart summary").click()
    assert page.locator("figure.chart table tbody tr").count() == 5


def test_focus_shows_on_each_chart_and_each_open_table(demo_site, new_page):
    page = new_page(width=320, height=700)
    charts = chart_page(demo_site)
    page.goto(charts.url)
    page.evaluate("document.querySelectorAll('figure.chart details').forEach(d => d.open = true)")
    stops = every_tab_stop(page)
    # Each chart, its disclosure, its table's scrolling box and its download link.
    for start in (
        "<svg",
        "<summary data-keyboard-seen",
        '<div class="chart__table-wrap"',
        f'<a href="/charts/{charts.pk}/',
    ):
        found = [stop for stop in stops if stop["element"].startswith(start)]
        assert len(found) == len(EVERY_CHART), start
    assert [stop["element"] for stop in stops if not stop["shown"]] == []
