import pytest
from wagtail.models import Page, Site

from tests.people.factories import PeopleIndexPageFactory
from tests.programme.factories import HomePageFactory, StrandIndexPageFactory
from tests.publications.factories import PublicationIndexPageFactory


@pytest.fixture
def home(db):
    """A landing page at the root of the default site, as the demo loader leaves it."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Kinder Communities",
        },
    )
    return home


# The site's sections, each directly under the landing page as in the demo content.
@pytest.fixture
def strand_index(home):
    return StrandIndexPageFactory(parent=home)


@pytest.fixture
def people_index(home):
    return PeopleIndexPageFactory(parent=home)


@pytest.fixture
def library(home):
    return PublicationIndexPageFactory(parent=home)
