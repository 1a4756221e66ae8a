"""Editors can only build a sensible page tree."""

from wagtail.models import Page

from people.models import PeopleIndexPage, PersonPage
from programme.models import HomePage, StrandIndexPage, StrandPage
from tests.people.factories import PeopleIndexPageFactory
from tests.programme.factories import StrandIndexPageFactory


def test_only_one_home_page(home):
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_strands_live_only_under_the_strand_index(home):
    index = StrandIndexPageFactory(parent=home)
    assert StrandPage.can_create_at(index)
    assert not StrandPage.can_create_at(home)
    assert not StrandIndexPage.can_create_at(home)  # one index is enough
    assert StrandPage.allowed_subpage_models() == []


def test_people_live_only_under_the_people_index(home):
    index = PeopleIndexPageFactory(parent=home)
    assert PersonPage.can_create_at(index)
    assert not PersonPage.can_create_at(home)
    assert not PeopleIndexPage.can_create_at(home)
    assert not PersonPage.can_create_at(StrandIndexPageFactory(parent=home))


def test_home_page_offers_only_the_section_indexes(home):
    assert set(HomePage.allowed_subpage_models()) >= {StrandIndexPage, PeopleIndexPage}
    assert StrandPage not in HomePage.allowed_subpage_models()
    assert PersonPage not in HomePage.allowed_subpage_models()
