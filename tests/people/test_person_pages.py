"""Person pages read right, with honorifics and a working contact link."""

from people.models import PersonPage
from tests.html import soup, visible_text
from tests.people.factories import PeopleIndexPageFactory, PersonPageFactory


def test_person_page_shows_name_with_honorifics_and_role(home, client):
    index = PeopleIndexPageFactory(parent=home)
    person = PersonPageFactory(
        parent=index,
        title="Julia Unwin",
        honorific_suffix="DBE",
        role="Carnegie Fellow",
        organisation="Carnegie UK Trust",
        email="julia@example.org",
    )
    page = soup(client.get(person.url))
    assert visible_text(page.h1) == "Julia Unwin DBE"
    assert "Carnegie Fellow, Carnegie UK Trust" in visible_text(page.main)
    assert page.select_one('a[href="mailto:julia@example.org"]')


def test_people_index_lists_staff_and_associates_but_not_outside_authors(home, client):
    index = PeopleIndexPageFactory(parent=home)
    PersonPageFactory(parent=index, title="Ben Thurman")
    PersonPageFactory(parent=index, title="Elizabeth Kelly", kind=PersonPage.Kind.ASSOCIATE)
    PersonPageFactory(parent=index, title="Simon Anderson", kind=PersonPage.Kind.AUTHOR)
    page = soup(client.get(index.url))
    sections = {
        visible_text(s.h2): [visible_text(a) for a in s.select(".person-card__name a")]
        for s in page.main.select("section[aria-labelledby^=people]")
    }
    assert sections == {"Staff": ["Ben Thurman"], "Associates and fellows": ["Elizabeth Kelly"]}
