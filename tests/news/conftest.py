import pytest

from tests.news.factories import NewsIndexPageFactory
from tests.people.factories import PersonPageFactory
from tests.programme.factories import StrandPageFactory


@pytest.fixture
def news(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def strand(strand_index):
    return StrandPageFactory(parent=strand_index, title="Kinder communities", slug="kinder")


@pytest.fixture
def other_strand(strand_index):
    return StrandPageFactory(parent=strand_index, title="Quantifying kindness", slug="quant")


@pytest.fixture
def ben(people_index):
    return PersonPageFactory(parent=people_index, title="Ben Thurman", slug="ben-thurman")
