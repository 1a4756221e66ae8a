import pytest

from people.models import PersonPage
from tests.people.factories import PeopleIndexPageFactory, PersonPageFactory
from tests.programme.factories import StrandIndexPageFactory, StrandPageFactory
from tests.publications.factories import PublicationIndexPageFactory


@pytest.fixture
def library(home):
    return PublicationIndexPageFactory(parent=home)


@pytest.fixture
def strand_index(home):
    return StrandIndexPageFactory(parent=home)


@pytest.fixture
def strand(strand_index):
    return StrandPageFactory(parent=strand_index, title="Kinder communities", slug="kinder")


@pytest.fixture
def other_strand(strand_index):
    return StrandPageFactory(parent=strand_index, title="Quantifying kindness", slug="quant")


@pytest.fixture
def people_index(home):
    return PeopleIndexPageFactory(parent=home)


@pytest.fixture
def ben(people_index):
    return PersonPageFactory(parent=people_index, title="Ben Thurman", slug="ben-thurman")


@pytest.fixture
def elizabeth(people_index):
    return PersonPageFactory(
        parent=people_index,
        title="Elizabeth Kelly",
        honorific_prefix="Dr",
        slug="elizabeth-kelly",
        kind=PersonPage.Kind.ASSOCIATE,
    )
