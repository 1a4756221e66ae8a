"""The library lists publications and films together, filtered and paginated by URL."""

import datetime

import pytest
import wagtail_factories
from django.test import override_settings

from publications.models import DatePrecision, PublicationIndexPage, PublicationType
from tests.html import soup, visible_text
from tests.people.factories import PersonPageFactory
from tests.publications.factories import (
    FilmPageFactory,
    PublicationAuthorFactory,
    PublicationPageFactory,
)
from tests.queries import assert_same_number, settled_queries


def titles(response):
    return [visible_text(a) for a in soup(response).select(".library-list .card__title a")]


@pytest.fixture
def catalogue(library, strand, other_strand, ben, elizabeth):
    """Four publications and a film across two strands, three years and two authors."""
    place = PublicationPageFactory(
        parent=library,
        title="The Place of Kindness",
        date=datetime.date(2017, 7, 25),
        strands=[strand],
    )
    PublicationAuthorFactory(page=place, name="Zoë Ferguson")
    quantifying = PublicationPageFactory(
        parent=library,
        title="Quantifying kindness",
        publication_type=PublicationType.DATA_SERIES,
        date=datetime.date(2018, 11, 13),
        strands=[other_strand],
    )
    PublicationAuthorFactory(page=quantifying, person=ben)
    north = PublicationPageFactory(
        parent=library,
        title="North Ayrshire",
        publication_type=PublicationType.CASE_STUDY,
        date=datetime.date(2020, 9, 30),
        strands=[strand],
    )
    PublicationAuthorFactory(page=north, person=ben)
    courage = PublicationPageFactory(
        parent=library,
        title="The courage to be kind",
        date=datetime.date(2020, 12, 8),
        strands=[other_strand],
    )
    PublicationAuthorFactory(page=courage, person=ben, sort_order=0)
    PublicationAuthorFactory(page=courage, person=elizabeth, sort_order=1)
    FilmPageFactory(
        parent=library,
        title="The Place of Kindness (short film)",
        date=datetime.date(2017, 1, 1),
        date_precision=DatePrecision.YEAR,
        strands=[strand],
    )
    return library


def test_lists_publications_and_films_together_newest_first(catalogue, client):
    response = client.get(catalogue.url)
    assert titles(response) == [
        "The courage to be kind",
        "North Ayrshire",
        "Quantifying kindness",
        "The Place of Kindness",
        "The Place of Kindness (short film)",
    ]
    cards = soup(response).select(".library-card")
    assert "Film" in visible_text(cards[-1])
    assert "2017" in visible_text(cards[-1])
    assert "1 January" not in visible_text(cards[-1])
    assert "By Ben Thurman, Dr Elizabeth Kelly" in visible_text(cards[0])


def test_drafts_are_not_listed(catalogue, client):
    PublicationPageFactory(parent=catalogue, title="Not yet", live=False)
    assert "Not yet" not in titles(client.get(catalogue.url))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=case_study", ["North Ayrshire"]),
        ("type=data_series", ["Quantifying kindness"]),
        ("type=film", ["The Place of Kindness (short film)"]),
        ("type=report", ["The courage to be kind", "The Place of Kindness"]),
        (
            "strand=kinder",
            ["North Ayrshire", "The Place of Kindness", "The Place of Kindness (short film)"],
        ),
        ("year=2020", ["The courage to be kind", "North Ayrshire"]),
        ("year=2017", ["The Place of Kindness", "The Place of Kindness (short film)"]),
        (
            "author=ben-thurman",
            ["The courage to be kind", "North Ayrshire", "Quantifying kindness"],
        ),
        ("author=elizabeth-kelly", ["The courage to be kind"]),
    ],
)
def test_each_filter(catalogue, client, query, expected):
    assert titles(client.get(f"{catalogue.url}?{query}")) == expected


def test_filters_combine(catalogue, client):
    url = f"{catalogue.url}?strand=kinder&year=2020&author=ben-thurman&type=case_study"
    assert titles(client.get(url)) == ["North Ayrshire"]
    assert titles(client.get(f"{catalogue.url}?strand=quant&type=report")) == [
        "The courage to be kind"
    ]


@pytest.mark.parametrize(
    "query",
    [
        "type=novel",
        "strand=no-such-strand",
        "year=abc",
        "year=1066",
        "year=99999999999999999999999",
        "author=nobody",
        "author=%00%27%22",
        "strand=../../etc&type[]=x",
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
    ],
)
def test_invalid_filter_values_are_ignored(catalogue, client, query):
    assert len(titles(client.get(f"{catalogue.url}?{query}"))) == 5


def test_a_valid_filter_still_applies_beside_an_invalid_one(catalogue, client):
    assert titles(client.get(f"{catalogue.url}?type=film&year=abc")) == [
        "The Place of Kindness (short film)"
    ]


def test_filter_form_keeps_the_choice_and_offers_only_real_years(catalogue, client):
    page = soup(client.get(f"{catalogue.url}?year=2018"))
    years = [option["value"] for option in page.select("select[name=year] option")]
    assert years == ["", "2020", "2018", "2017"]
    assert page.select_one("select[name=year] option[selected]")["value"] == "2018"


def test_the_author_box_suggests_only_people_with_work_in_the_library(
    catalogue, people_index, client
):
    PersonPageFactory(parent=people_index, title="Nobody Wrote", slug="nobody-wrote")
    page = soup(client.get(catalogue.url))
    box = page.select_one("input[name=author]")
    # The page carries no names: its list of suggestions comes from the address it names.
    suggestions = page.select_one(f"datalist#{box['list']}")
    assert suggestions is not None
    assert not suggestions.select("option")
    assert page.select_one(f"label[for={box['id']}]").get_text(strip=True) == "Author"
    response = client.get(box["data-suggestions"])
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"authors": ["Elizabeth Kelly", "Ben Thurman"]}


@pytest.mark.parametrize("typed", ["Ben Thurman", "  ben   THURMAN ", "ben-thurman"])
def test_an_author_is_found_by_name_as_typed_or_by_their_page_slug(catalogue, client, typed):
    response = client.get(catalogue.url, {"author": typed})
    assert titles(response) == ["The courage to be kind", "North Ayrshire", "Quantifying kindness"]
    box = soup(response).select_one("input[name=author]")
    # A link's slug or a name in any case shows as the name.
    assert box["value"] in {"Ben Thurman", typed}
    linked = soup(client.get(catalogue.url, {"author": "ben-thurman"}))
    assert linked.select_one("input[name=author]")["value"] == "Ben Thurman"
    assert not box.has_attr("aria-invalid")


def test_an_unknown_author_is_ignored_and_the_box_says_why(catalogue, client):
    response = client.get(catalogue.url, {"author": "Ben Thurmann", "type": "report"})
    assert titles(response) == ["The courage to be kind", "The Place of Kindness"]
    page = soup(response)
    box = page.select_one("input[name=author]")
    assert box["value"] == "Ben Thurmann"
    assert box["aria-invalid"] == "true"
    error = page.select_one(f"#{box['aria-describedby']}")
    assert "No one of that name has work in the library" in visible_text(error)


def test_empty_result_says_so_and_offers_to_clear_the_filters(catalogue, client):
    page = soup(client.get(f"{catalogue.url}?type=briefing"))
    assert not page.select(".library-card")
    assert "Nothing in the library matches these filters." in visible_text(page.main)
    clear = [a for a in page.main.select("a") if "Clear" in visible_text(a)]
    assert clear
    assert all(a["href"] == catalogue.url for a in clear)


def test_filters_work_without_javascript_as_a_plain_get_form(catalogue, client):
    form = soup(client.get(catalogue.url)).select_one("form.library-filters")
    assert form["method"] == "get"
    assert {field["name"] for field in form.select("select")} == {"type", "strand", "year"}
    assert {field["name"] for field in form.select("input")} == {"q", "author"}


def test_pagination_shows_twelve_a_page_and_keeps_the_filters(library, client):
    for day in range(14):
        PublicationPageFactory(parent=library, date=datetime.date(2019, 1, 1 + day))
    FilmPageFactory(parent=library, date=datetime.date(2018, 1, 1))

    first = client.get(library.url)
    assert len(titles(first)) == 12
    assert len(set(titles(first))) == 12
    second = client.get(f"{library.url}?page=2")
    assert len(titles(second)) == 3
    assert set(titles(first)).isdisjoint(titles(second))

    # A page number past the end shows the last page; nonsense shows the first.
    assert titles(client.get(f"{library.url}?page=999")) == titles(second)
    assert titles(client.get(f"{library.url}?page=x")) == titles(first)

    filtered = soup(client.get(f"{library.url}?year=2019&page=2"))
    hrefs = [a["href"] for a in filtered.select(".pagination a")]
    assert "?year=2019&page=1" in hrefs
    assert len(titles(client.get(f"{library.url}?year=2019&page=2"))) == 2


def _publications_with_images(library, strand, person, count, start):
    """Publications with a cover, two authors and a strand, and every seventh a film."""
    for n in range(start, start + count):
        date = datetime.date(2000, 1, 1) + datetime.timedelta(days=n)
        page = PublicationPageFactory(
            parent=library,
            date=date,
            strands=[strand],
            image=wagtail_factories.ImageFactory(description="A cover"),
        )
        PublicationAuthorFactory(page=page, person=person, sort_order=0)
        PublicationAuthorFactory(page=page, name="An Outside Author", sort_order=1)
        if n % 7 == 0:
            FilmPageFactory(parent=library, date=date, strands=[strand], publication=page)


def test_library_and_publication_page_queries_do_not_grow_with_content(
    library, strand, ben, client
):
    _publications_with_images(library, strand, ben, 5, 0)
    publication = library.get_children().live().first().specific
    filtered = f"{library.url}?author=ben-thurman&strand=kinder"
    library_counts = [settled_queries(client, library.url)]
    filtered_counts = [settled_queries(client, filtered)]
    page_counts = [settled_queries(client, publication.url)]

    _publications_with_images(library, strand, ben, 55, 5)
    library_counts.append(settled_queries(client, library.url))
    filtered_counts.append(settled_queries(client, filtered))
    page_counts.append(settled_queries(client, publication.url))

    for few, many in (library_counts, filtered_counts, page_counts):
        assert_same_number(few, many)


def test_library_is_a_single_page_under_the_home_page(library):
    assert PublicationIndexPage.max_count == 1
    assert PublicationIndexPage.can_create_at(library.get_parent()) is False


def filter_options(client, library, name):
    page = soup(client.get(library.url))
    return [visible_text(option) for option in page.select(f"select[name={name}] option")]


@pytest.mark.usefixtures("uncached_pages")
def test_the_filters_offer_what_was_published_a_moment_ago(catalogue, library, client):
    """What the filters offer is kept between requests until something is published."""
    assert "2023" not in filter_options(client, library, "year")
    report = PublicationPageFactory(
        parent=library, title="Kindness in 2023", date=datetime.date(2023, 3, 1), live=False
    )
    PublicationAuthorFactory(page=report, name="Outside Author")
    assert "2023" not in filter_options(client, library, "year")  # A draft shows nowhere.
    report.save_revision().publish()
    assert "2023" in filter_options(client, library, "year")


@pytest.fixture
def uncached_pages():
    with override_settings(PAGE_CACHE_SECONDS=0):
        yield
