import pytest
from wagtail.models import Site

from tests.kindness.factories import ImageFactory, site_settings
from tests.people.factories import PeopleIndexPageFactory, PersonPageFactory
from tests.programme.factories import (
    ContentPageFactory,
    StrandIndexPageFactory,
    StrandPageFactory,
)
from tests.publications.factories import (
    FilmPageFactory,
    PublicationIndexPageFactory,
    PublicationPageFactory,
)

AWKWARD_TITLE = 'Kindness & “care” in Ayrshire: Zoë\'s "quoted" story'


@pytest.fixture
def default_share_image(home):
    image = ImageFactory(
        title="The programme's share card",
        description="Kinder Communities in the programme's colours",
        file__width=1600,
        file__height=900,
    )
    site_settings(
        Site.objects.get(is_default_site=True),
        default_share_image=image,
        default_share_description="A programme exploring kindness in communities.",
    )
    return image


@pytest.fixture
def pages(home):
    """One published page of every type the site has, keyed by type."""
    strand_index = StrandIndexPageFactory(parent=home, introduction="Every strand of the work.")
    people_index = PeopleIndexPageFactory(parent=home, introduction="The people behind it.")
    library = PublicationIndexPageFactory(parent=home, introduction="Reports and films.")
    return {
        "library": library,
        "publication": PublicationPageFactory(parent=library, title="The Place of Kindness"),
        "film": FilmPageFactory(parent=library, title="The Practice of Kindness"),
        "home": home,
        "content page": ContentPageFactory(
            parent=home, title="Privacy notice", introduction="What the site keeps about you."
        ),
        "strand index": strand_index,
        "strand": StrandPageFactory(parent=strand_index, title=AWKWARD_TITLE),
        "people index": people_index,
        "person": PersonPageFactory(
            parent=people_index,
            title="Zoë Ferguson",
            photo=ImageFactory(
                title="Portrait",
                description="Zoë Ferguson smiling in a garden",
                file__width=400,
                file__height=400,
            ),
        ),
    }
