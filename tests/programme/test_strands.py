"""Strand pages and the strand index, as a reader sees them."""

import pytest
from django.core.exceptions import ValidationError

from programme.models import StrandPage, StrandPartner, StrandPerson
from tests.html import soup, visible_text
from tests.people.factories import PeopleIndexPageFactory, PersonPageFactory
from tests.programme.factories import StrandIndexPageFactory, StrandPageFactory
from tests.queries import count_queries


@pytest.fixture
def index(home):
    return StrandIndexPageFactory(parent=home)


def test_strand_page_shows_period_status_partners_and_people(index, client):
    strand = StrandPageFactory(
        parent=index, title="North Ayrshire partnership", start_year=2018, end_year=2020
    )
    StrandPartner.objects.create(page=strand, name="North Ayrshire Council")
    person = PersonPageFactory(
        parent=PeopleIndexPageFactory(parent=index.get_parent()), title="Ben Thurman"
    )
    StrandPerson.objects.create(page=strand, person=person, role=StrandPerson.Role.CONTACT)

    page = soup(client.get(strand.url))
    text = visible_text(page.main)
    assert visible_text(page.h1) == "North Ayrshire partnership"
    assert "2018–2020" in text
    assert "Completed" in text
    assert "North Ayrshire Council" in text
    assert page.select_one(f'.person-card a[href="{person.url}"]')


def test_ongoing_strand_reads_as_present(db):
    """db: a Wagtail page looks up its content type as it is made."""
    assert StrandPage(start_year=2020, end_year=None).period == "2020–present"
    assert StrandPage(start_year=2018, end_year=2018).period == "2018"


def test_index_lists_current_strands_first(index, client):
    StrandPageFactory(parent=index, title="Old work", start_year=2016, end_year=2017)
    StrandPageFactory(
        parent=index, title="Current work", start_year=2020, end_year=None, status="current"
    )
    StrandPageFactory(
        parent=index, title="Libraries", start_year=2020, end_year=2021, status="related"
    )
    titles = [visible_text(a) for a in soup(client.get(index.url)).select(".card__title a")]
    assert titles == ["Current work", "Old work", "Libraries"]


def test_end_year_before_start_is_refused(index):
    strand = StrandPageFactory.build(start_year=2019, end_year=2018)
    with pytest.raises(ValidationError, match="cannot be before"):
        strand.clean()


def test_current_strand_cannot_have_an_end_year(index):
    strand = StrandPageFactory.build(start_year=2019, end_year=2020, status="current")
    with pytest.raises(ValidationError, match="no end year"):
        strand.clean()


def test_index_query_count_does_not_grow_with_strands(index, client, django_assert_max_num_queries):
    StrandPageFactory.create_batch(3, parent=index)
    client.get(index.url)  # warm the caches every page shares
    few = count_queries(client, index.url)
    StrandPageFactory.create_batch(30, parent=index)
    with django_assert_max_num_queries(few):
        assert client.get(index.url).status_code == 200
