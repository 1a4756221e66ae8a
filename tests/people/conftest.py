import pytest
from wagtail_factories import ImageFactory

from people.models import PersonPage
from tests.people.factories import PersonPageFactory


@pytest.fixture
def jennifer(people_index):
    return PersonPageFactory(
        parent=people_index,
        title="Jennifer Wallace",
        slug="jennifer-wallace",
        role="Head of Policy",
        email="jennifer.wallace@example.org",
        phone="+44 (0)1383 721445",
    )


@pytest.fixture
def ben(people_index):
    return PersonPageFactory(
        parent=people_index,
        title="Ben Thurman",
        slug="ben-thurman",
        role="Policy and Development Officer",
    )


@pytest.fixture
def elizabeth(people_index):
    return PersonPageFactory(
        parent=people_index,
        title="Elizabeth Kelly",
        honorific_prefix="Dr",
        slug="elizabeth-kelly",
        role="Carnegie Associate",
        kind=PersonPage.Kind.ASSOCIATE,
    )


@pytest.fixture
def photo(db):
    return ImageFactory(title="Portrait", description="Jennifer Wallace, smiling")
