"""A report published as a web page: numbered sections with lasting links, a contents list,
footnotes that link both ways, reading time, tables, and chapters on pages of their own."""

import csv
import io
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from publications.models import PublicationIndexPage, PublicationPage
from tests.charts.chart_examples import ONE_SERIES, ZERO_AND_FULL, chart
from tests.html import soup, visible_text
from tests.publications.factories import PublicationPageFactory

WORDS = " ".join(["kindness"] * 100)


def heading(text, level="h2", anchor=""):
    return {"type": "heading", "value": {"text": text, "level": level, "anchor": anchor}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def note(label, text):
    return {"type": "note", "value": {"label": label, "text": text}}


def chapter(title, *content, slug=""):
    return {"type": "chapter", "value": {"title": title, "slug": slug, "content": list(content)}}


def report_page(library, report, notes=(), **fields):
    return PublicationPageFactory(
        parent=library,
        title="Quantifying kindness",
        slug="quantifying-kindness",
        report=report,
        report_notes=list(notes),
        **fields,
    )


def publish(page, report):
    """Change the report the way the editor does: a new revision, then publish it."""
    page = Page.objects.get(pk=page.pk).specific
    page.report = report
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def section_headings(html):
    return [
        (node.get("id"), visible_text(node))
        for node in html.select(".report-body .report-heading__title")
    ]


def stored_anchors(page):
    return [child.value["anchor"] for child in page.report if child.block_type == "heading"]


@pytest.fixture
def survey(library):
    return report_page(
        library,
        [
            heading("What people told us"),
            paragraph(f"<p>{WORDS}</p>"),
            heading("Kindness at the library", "h3"),
            paragraph("<p>Nine in ten agree.[^survey]</p>"),
            heading("Kindness in public services", "h3"),
            heading("What people told us"),
            paragraph("<p>The same survey again.[^survey] And a second source.[^ipsos]</p>"),
        ],
        notes=[
            note("survey", "<p>Carnegie UK Trust, 2018 survey.</p>"),
            note("ipsos", "<p>Fieldwork by Ipsos MORI.</p>"),
        ],
    )


def test_headings_are_numbered_and_two_with_the_same_words_get_different_links(survey, client):
    html = soup(client.get(survey.url))
    assert section_headings(html) == [
        ("what-people-told-us", "1 What people told us"),
        ("kindness-at-the-library", "1.1 Kindness at the library"),
        ("kindness-in-public-services", "1.2 Kindness in public services"),
        ("what-people-told-us-2", "2 What people told us"),
    ]
    # Each heading offers a plain link to itself, to copy.
    links = [a["href"] for a in html.select(".report-heading__link")]
    assert links == [f"#{anchor}" for anchor, _text in section_headings(html)]


def test_a_sections_link_survives_new_revisions_and_changed_words(survey, client):
    before = stored_anchors(survey)
    blocks = [
        {"type": child.block_type, "value": child.block.get_prep_value(child.value), "id": child.id}
        for child in survey.report
    ]
    # A new section before all the others, and new words for the first heading.
    blocks[0]["value"]["text"] = "What we heard"
    page = publish(survey, [heading("What people told us"), *blocks])
    assert stored_anchors(page) == ["what-people-told-us-3", *before]
    # Saved and published again without changes: the same links.
    page = publish(
        page,
        [
            {"type": c.block_type, "value": c.block.get_prep_value(c.value), "id": c.id}
            for c in page.report
        ],
    )
    assert stored_anchors(page) == ["what-people-told-us-3", *before]
    ids = [anchor for anchor, _text in section_headings(soup(client.get(page.url)))]
    assert ids == stored_anchors(page)


def test_contents_list_matches_the_headings(survey, client):
    html = soup(client.get(survey.url))
    contents = html.select_one("nav.report-contents")
    assert visible_text(contents.find(["h2"])) == "Contents"
    entries = [(a["href"], visible_text(a)) for a in contents.select("a.report-contents__link")]
    assert entries == [(f"#{anchor}", text) for anchor, text in section_headings(html)]
    # Every link leads to an element that is there.
    for href, _text in entries:
        assert html.find(id=href[1:]) is not None
    # Sub-headings are listed inside their section.
    first = contents.select_one("ol > li")
    assert [visible_text(a) for a in first.select(":scope > ol a")] == [
        "1.1 Kindness at the library",
        "1.2 Kindness in public services",
    ]


def test_footnotes_link_to_their_note_and_back(survey, client):
    html = soup(client.get(survey.url))
    references = html.select('.report-body a[role="doc-noteref"]')
    # Numbered in the order first cited; a note cited twice keeps its number.
    assert [a.get_text() for a in references] == ["[Note 1]", "[Note 1]", "[Note 2]"]
    notes = html.select(".report-notes__note")
    assert [visible_text(n.select_one(".rich-text")) for n in notes] == [
        "Carnegie UK Trust, 2018 survey.",
        "Fieldwork by Ipsos MORI.",
    ]
    section = html.select_one(".report-notes")
    assert visible_text(html.find(id=section["aria-labelledby"])) == "Notes"
    for reference in references:
        target = html.find(id=reference["href"][1:])
        assert target in notes
        back = target.select(f'a[role="doc-backlink"][href="#{reference["id"]}"]')
        assert len(back) == 1
    # The note cited twice links back to each place; ids are never repeated.
    assert len(notes[0].select('a[role="doc-backlink"]')) == 2
    ids = [node["id"] for node in html.find_all(id=True)]
    assert len(ids) == len(set(ids))
    # The markers themselves never show.
    assert "[^" not in html.get_text()


def test_reading_time_comes_from_the_word_count(library, client):
    page = report_page(library, [heading("Findings"), paragraph(f"<p>{WORDS * 5}</p>")])
    # 501 words at 200 a minute.
    assert visible_text(soup(client.get(page.url)).select_one(".report__reading-time")) == (
        "3 minute read"
    )


def test_a_publication_without_a_report_shows_none(library, client):
    page = PublicationPageFactory(parent=library)
    html = soup(client.get(page.url))
    assert html.select_one(".report") is None
    assert html.select_one(".report-contents") is None


def test_a_table_has_a_caption_and_headers_for_its_columns_and_rows(library, client):
    table = {
        "caption": "Agree they are treated with kindness at their library (%)",
        "columns": [
            {"type": "text", "heading": "Jurisdiction"},
            {"type": "number", "heading": "Agree"},
        ],
        "rows": [{"values": ["Scotland", "93"]}, {"values": ["Wales", "92"]}],
    }
    page = report_page(
        library,
        [
            {
                "type": "table",
                "value": {"table": table, "first_column_is_header": True, "source": "Survey"},
            }
        ],
    )
    html = soup(client.get(page.url)).select_one(".report-table table")
    assert visible_text(html.caption) == table["caption"]
    assert [(th["scope"], visible_text(th)) for th in html.select("th")] == [
        ("col", "Jurisdiction"),
        ("col", "Agree"),
        ("row", "Scotland"),
        ("row", "Wales"),
    ]
    assert [visible_text(td) for td in html.select("td")] == ["93", "92"]


@pytest.mark.parametrize(
    ("report", "notes", "field", "message"),
    [
        ([paragraph("<p>Cited.[^missing]</p>")], [], "report", "[^missing]"),
        ([paragraph("<p>No citation.</p>")], [note("spare", "<p>x</p>")], "report_notes", "spare"),
        (
            [paragraph("<p>One.[^a]</p>")],
            [note("a", "<p>x</p>"), note("a", "<p>y</p>")],
            "report_notes",
            "its own label",
        ),
    ],
    ids=["cited-but-missing", "never-cited", "label-twice"],
)
def test_notes_and_citations_must_match(library, report, notes, field, message):
    page = PublicationPageFactory.build(report=report, report_notes=notes)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert message in " ".join(error.value.message_dict[field])


def chaptered(library):
    return report_page(
        library,
        [
            chapter("Introduction", paragraph(f"<p>{WORDS}</p>")),
            chapter(
                "Findings",
                heading("At the library"),
                paragraph("<p>Nine in ten.[^survey]</p>"),
                heading("In public services", "h3"),
            ),
            chapter("What next", paragraph("<p>More to do.</p>")),
        ],
        notes=[note("survey", "<p>The 2018 survey.</p>")],
    )


def test_each_chapter_has_its_own_address_canonical_and_share_links(library, client):
    page = chaptered(library)
    response = client.get(f"{page.url}findings/")
    html = soup(response)
    full_url = f"http://localhost{page.url}findings/"
    assert html.find("link", rel="canonical")["href"] == full_url
    assert html.find("meta", property="og:url")["content"] == full_url
    assert html.find("meta", property="og:title")["content"] == "Findings: Quantifying kindness"
    assert visible_text(html.title).startswith("Findings: Quantifying kindness")
    share_hrefs = [a["href"] for a in html.select(".share__link[href]")]
    assert share_hrefs
    assert all("findings" in href for href in share_hrefs)
    assert html.select_one("[data-share]")["data-share-url"] == full_url
    # Its own title and numbered sections, a level under the chapter's title.
    assert visible_text(html.select_one(".report-body__chapter")) == "2 Findings"
    assert [(node.name, visible_text(node)) for node in html.select(".report-heading__title")] == [
        ("h3", "2.1 At the library"),
        ("h4", "2.1.1 In public services"),
    ]
    # Previous and next chapters.
    previous = html.select_one('a[rel="prev"]')
    following = html.select_one('a[rel="next"]')
    assert previous["href"] == page.url
    assert "1. Introduction" in visible_text(previous)
    assert following["href"] == f"{page.url}what-next/"
    # The contents list every chapter, this one marked, with its sections.
    chapters = html.select(".report-contents__link--chapter")
    assert [a["href"] for a in chapters] == [
        page.url,
        f"{page.url}findings/",
        f"{page.url}what-next/",
    ]
    assert [a.get("aria-current") for a in chapters] == [None, "page", None]
    # Its notes are its own.
    assert visible_text(html.select_one(".report-notes__note .rich-text")) == "The 2018 survey."


def test_the_first_chapter_is_the_publications_own_page(library, client):
    page = chaptered(library)
    html = soup(client.get(page.url))
    assert visible_text(html.select_one(".report-body__chapter")) == "1 Introduction"
    assert html.find("link", rel="canonical")["href"] == f"http://localhost{page.url}"
    assert html.select_one('a[rel="prev"]') is None
    assert html.select_one('a[rel="next"]')["href"] == f"{page.url}findings/"
    response = client.get(f"{page.url}introduction/")
    assert response.status_code == 302
    assert response["Location"] == page.url
    assert client.get(f"{page.url}no-such-chapter/").status_code == 404


def chart_block(data, title):
    return {"type": "chart", "value": chart(data, "grouped", title)}


def charted_chapters(library):
    """A report whose charts are in its first chapter and in a later one."""
    return report_page(
        library,
        [
            chapter("Introduction", chart_block(ONE_SERIES, "People by year")),
            chapter(
                "Findings",
                paragraph("<p>Nine in ten.</p>"),
                chart_block(ZERO_AND_FULL, "Answers"),
                chart_block(ONE_SERIES, "People by year again"),
            ),
        ],
    )


def csv_rows(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_every_chart_in_every_chapter_links_its_own_csv(library, client):
    page = charted_chapters(library)
    expected = {
        page.url: [("People by year", ONE_SERIES)],
        f"{page.url}findings/": [("Answers", ZERO_AND_FULL), ("People by year again", ONE_SERIES)],
    }
    links = set()
    for url, charts in expected.items():
        figures = soup(client.get(url)).select(".report-body figure.chart")
        assert [visible_text(f.select_one(".chart__title")) for f in figures] == [
            title for title, _data in charts
        ]
        for figure, (_title, data) in zip(figures, charts, strict=True):
            link = figure.select_one(".chart__download a")
            assert link, f"no CSV link under a chart at {url}"
            assert re.fullmatch(rf"/charts/{page.pk}/[0-9a-f-]{{36}}\.csv", link["href"])
            assert csv_rows(client, link["href"]) == [row.split(",") for row in data.split("\n")]
            links.add(link["href"])
    assert len(links) == 3


def test_publishing_forgets_a_chapters_chart_download(demo, client):
    page = charted_chapters(PublicationIndexPage.objects.get())
    link = soup(client.get(f"{page.url}findings/")).select_one(".chart__download a")["href"]
    assert [client.get(link)["X-Cache"] for _ in range(2)] == ["miss", "hit"]
    page = Page.objects.get(pk=page.pk).specific
    page.report[1].value["content"][1].value["data"] = "Answer,Yes\nAll of them,7"
    page.save_revision().publish()
    response = client.get(link)
    assert response["X-Cache"] == "miss"
    assert csv_rows(client, link) == [["Answer", "Yes"], ["All of them", "7"]]


def test_text_outside_chapters_is_refused_when_there_are_chapters(library):
    page = PublicationPageFactory.build(
        report=[chapter("Introduction"), paragraph("<p>Loose.</p>")]
    )
    with pytest.raises(ValidationError):
        page.full_clean()


# The survey's figures as the programme's facts sheet gives them: the library table, "over
# 90%", "over 80%", the year and the day of publication. The demo invents no other number.
FACTS_TABLE = [
    ("Northern Ireland", "96", "44"),
    ("Ireland", "94", "49"),
    ("Scotland", "93", "56"),
    ("Wales", "92", "45"),
    ("England", "90", "33"),
]
STATED_FIGURES = {"90", "80", "2018", "13"}


@pytest.fixture
def survey_summary(demo, client):
    page = PublicationPage.objects.get(slug="quantifying-kindness-public-engagement-and-place")
    return soup(client.get(page.url))


def test_the_demo_survey_reads_as_a_report_with_contents_chart_table_and_a_footnote(
    survey_summary,
):
    html = survey_summary
    contents = [visible_text(a) for a in html.select(".report-contents a")]
    assert contents == [visible_text(h) for h in html.select(".report-heading__title")]
    assert len(contents) >= 3
    assert len(html.select(".report-body figure.chart")) == 1
    table = html.select_one(".report-body .report-table table")
    rows = [[visible_text(cell) for cell in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]
    assert rows == [list(row) for row in FACTS_TABLE]
    # The footnote cites the 2018 survey, and the text links to it.
    notes = html.select(".report-notes__note")
    assert len(notes) == 1
    assert "2018" in visible_text(notes[0])
    assert "Ipsos MORI" in visible_text(notes[0])
    assert html.select(f'a[role="doc-noteref"][href="#{notes[0]["id"]}"]')


def test_the_demo_survey_invents_no_figure(survey_summary):
    body = survey_summary.select_one(".report-body")
    for decoration in body.select(".report-heading__number, .note-ref, svg"):
        decoration.decompose()
    allowed = STATED_FIGURES | {figure for row in FACTS_TABLE for figure in row[1:]}
    text = " ".join(visible_text(node) for node in body.select(".rich-text, .callout, table"))
    figures = set(re.findall(r"\d+", text))
    assert figures, "the summary states the survey's figures"
    assert figures <= allowed


def test_publishing_forgets_the_cached_chapters(demo, client):
    page = chaptered(PublicationIndexPage.objects.get())
    url = f"{page.url}findings/"
    assert [client.get(url)["X-Cache"] for _ in range(2)] == ["miss", "hit"]
    page = Page.objects.get(pk=page.pk).specific
    page.report[1].value["title"] = "What we found"
    page.save_revision().publish()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert visible_text(soup(response).select_one(".report-body__chapter")) == "2 What we found"


def test_an_approver_publishes_a_report_with_a_footnote_from_the_admin(library, approver, client):
    data = nested_form_data(
        {
            "title": "The courage to be kind",
            "slug": "the-courage-to-be-kind",
            "publication_type": "report",
            "date": "2020-12-08",
            "date_precision": "day",
            "authors": inline_formset([{"person": "", "name": "Ben Thurman"}]),
            "summary": "Medics reflect on kindness.",
            "image": "",
            "downloads": inline_formset([]),
            "body": streamfield([]),
            "report": streamfield(
                [
                    ("heading", {"text": "What the medics found", "level": "h2", "anchor": ""}),
                    ("paragraph", rich_text("<p>Kindness takes courage.[^medics]</p>")),
                ]
            ),
            "report_notes": streamfield(
                [("note", {"label": "medics", "text": rich_text("<p>Interviews, 2020.</p>")})]
            ),
            "action-publish": "publish",
        }
    )
    response = approver.post(f"/admin/pages/add/publications/publicationpage/{library.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = PublicationPage.objects.get(slug="the-courage-to-be-kind")
    assert stored_anchors(page) == ["what-the-medics-found"]
    client.logout()
    html = soup(client.get(page.url))
    assert html.find(id="what-the-medics-found")
    reference = html.select_one('a[role="doc-noteref"]')
    note = html.find(id=reference["href"][1:])
    assert visible_text(note.select_one(".rich-text")) == "Interviews, 2020."
