"""The people index groups staff, associates and fellows, and (if asked) outside authors."""

from people.models import PersonPage
from tests.html import soup, visible_text
from tests.people.factories import PersonPageFactory
from tests.queries import assert_same_number, settled_queries


def groups(client, index):
    page = soup(client.get(index.url))
    return {
        visible_text(s.h2): [visible_text(a) for a in s.select(".person-card__name a")]
        for s in page.main.select("section[aria-labelledby^=people]")
    }


def test_staff_and_associates_are_grouped_and_outside_authors_left_out(people_index, client):
    PersonPageFactory(parent=people_index, title="Ben Thurman")
    PersonPageFactory(parent=people_index, title="Jennifer Wallace")
    PersonPageFactory(
        parent=people_index,
        title="Elizabeth Kelly",
        honorific_prefix="Dr",
        kind=PersonPage.Kind.ASSOCIATE,
    )
    author = PersonPageFactory(
        parent=people_index, title="Simon Anderson", kind=PersonPage.Kind.AUTHOR
    )
    assert groups(client, people_index) == {
        "Staff": ["Ben Thurman", "Jennifer Wallace"],
        "Associates and fellows": ["Dr Elizabeth Kelly"],
    }
    # Not listed, but the page is there for author links.
    assert client.get(author.url).status_code == 200


def test_editors_can_list_outside_authors_in_a_group_of_their_own(people_index, client):
    PersonPageFactory(parent=people_index, title="Ben Thurman")
    PersonPageFactory(parent=people_index, title="Julie Brownlie", kind=PersonPage.Kind.AUTHOR)
    people_index.list_outside_authors = True
    people_index.save_revision().publish()
    assert groups(client, people_index) == {
        "Staff": ["Ben Thurman"],
        "Authors": ["Julie Brownlie"],
    }


def test_unpublished_people_are_not_listed(people_index, client):
    PersonPageFactory(parent=people_index, title="Ben Thurman")
    PersonPageFactory(parent=people_index, title="Draft Person", live=False)
    assert groups(client, people_index) == {"Staff": ["Ben Thurman"]}


def test_index_queries_do_not_grow_with_the_people(people_index, photo, client):
    def add(count, start):
        for n in range(start, start + count):
            PersonPageFactory(
                parent=people_index,
                title=f"Person {n}",
                photo=photo,
                kind=PersonPage.Kind.STAFF if n % 2 else PersonPage.Kind.ASSOCIATE,
            )

    add(2, 0)
    few = settled_queries(client, people_index.url)
    add(20, 2)
    many = settled_queries(client, people_index.url)
    assert_same_number(few, many)
