"""Person pages list what the person wrote; strand pages list their publications and films."""

import datetime

from wagtail.models import Page

from tests.html import soup, visible_text
from tests.publications.factories import (
    FilmPageFactory,
    PublicationAuthorFactory,
    PublicationPageFactory,
)
from tests.queries import assert_same_number, settled_queries


def written_by(person, library, count, start=0):
    for n in range(start, start + count):
        page = PublicationPageFactory(
            parent=library,
            title=f"Report {n}",
            date=datetime.date(2010, 1, 1) + datetime.timedelta(days=30 * n),
        )
        PublicationAuthorFactory(page=page, person=person, sort_order=0)
        PublicationAuthorFactory(page=page, name="Outside Author", sort_order=1)


def test_person_page_lists_what_they_wrote_newest_first(library, ben, elizabeth, client):
    written_by(ben, library, 3)
    PublicationPageFactory(parent=library, title="Someone else's")
    section = soup(client.get(ben.url)).select_one("#authored-by-heading").parent
    titles = [visible_text(a) for a in section.select(".card__title a")]
    assert titles == ["Report 2", "Report 1", "Report 0"]
    assert not soup(client.get(elizabeth.url)).select("#authored-by-heading")


def test_a_prolific_author_shows_their_newest_and_sends_readers_to_the_library_for_the_rest(
    library, ben, elizabeth, client
):
    written_by(ben, library, 9)
    written_by(elizabeth, library, 1, start=20)
    section = soup(client.get(ben.url)).select_one("#authored-by-heading").parent
    titles = [visible_text(a) for a in section.select(".card__title a")]
    assert titles == [f"Report {n}" for n in range(8, 2, -1)]
    more = section.select_one(".related__more a")
    assert visible_text(more) == "Everything by Ben Thurman, in the library"
    assert more["href"] == f"{library.url}?author={ben.slug}"
    library_page = soup(client.get(more["href"]))
    listed = [visible_text(a) for a in library_page.select(".library-card .card__title a")]
    assert listed == [f"Report {n}" for n in range(8, -1, -1)]


def test_an_author_of_six_or_fewer_has_everything_on_their_page(library, ben, client):
    written_by(ben, library, 6)
    section = soup(client.get(ben.url)).select_one("#authored-by-heading").parent
    assert len(section.select(".card__title a")) == 6
    assert section.select_one(".related__more") is None


def test_strand_page_lists_its_publications_and_films(library, strand, other_strand, client):
    PublicationPageFactory(
        parent=library, title="Report", date=datetime.date(2017, 7, 25), strands=[strand]
    )
    FilmPageFactory(parent=library, title="Film", date=datetime.date(2018, 1, 1), strands=[strand])
    PublicationPageFactory(parent=library, title="Elsewhere", strands=[other_strand])
    section = soup(client.get(strand.url)).select_one("#strand-publications").parent
    assert [visible_text(a) for a in section.select(".card__title a")] == ["Film", "Report"]


def test_a_long_strand_shows_its_newest_and_sends_readers_to_the_library_for_the_rest(
    library, strand, other_strand, client
):
    for n in range(9):
        PublicationPageFactory(
            parent=library,
            title=f"Report {n}",
            date=datetime.date(2010 + n, 1, 1),
            strands=[strand],
        )
    PublicationPageFactory(parent=library, title="Elsewhere", strands=[other_strand])
    section = soup(client.get(strand.url)).select_one("#strand-publications").parent
    titles = [visible_text(a) for a in section.select(".card__title a")]
    assert titles == [f"Report {n}" for n in range(8, 2, -1)]
    more = section.select_one(".related__more a")
    assert visible_text(more) == "All this strand's publications and films, in the library"
    assert more["href"] == f"{library.url}?strand={strand.slug}"
    library_page = soup(client.get(more["href"]))
    listed = [visible_text(a) for a in library_page.select(".library-card .card__title a")]
    assert listed == [f"Report {n}" for n in range(8, -1, -1)]


def test_a_short_strand_lists_everything_without_sending_readers_away(library, strand, client):
    for n in range(6):
        PublicationPageFactory(parent=library, title=f"Report {n}", strands=[strand])
    section = soup(client.get(strand.url)).select_one("#strand-publications").parent
    assert len(section.select(".card__title a")) == 6
    assert section.select_one(".related__more") is None


def test_strand_page_queries_do_not_grow_with_its_publications(library, strand, client):
    for _n in range(2):
        PublicationPageFactory(parent=library, strands=[strand])
    few = settled_queries(client, strand.url)
    for _n in range(30):
        PublicationPageFactory(parent=library, strands=[strand])
    FilmPageFactory(parent=library, strands=[strand])
    assert_same_number(few, settled_queries(client, strand.url))


def test_deleting_a_person_page_keeps_them_as_a_named_author(library, ben, client):
    written_by(ben, library, 1)
    report = library.get_children().specific().get()

    Page.objects.get(pk=ben.pk).delete()  # as the admin does, from the generic page

    page = soup(client.get(report.url))
    assert "Ben Thurman" in visible_text(page.main)
    assert not page.select_one('main a[href*="/ben-thurman/"]')
