"""The people index groups staff, associates and fellows, and (if asked) outside authors."""

from people.models import PEOPLE_PER_PAGE, PersonPage
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


def test_a_long_list_is_paged_in_order_and_a_bad_page_shows_the_first(people_index, client):
    for n in range(30):
        PersonPageFactory(parent=people_index, title=f"Ada Person{n:02}")
    PersonPageFactory(parent=people_index, title="Zoe Associate", kind=PersonPage.Kind.ASSOCIATE)
    staff = [f"Ada Person{n:02}" for n in range(30)]
    first = groups(client, people_index)
    assert first == {"Staff": staff[:PEOPLE_PER_PAGE]}
    last = soup(client.get(f"{people_index.url}?page=2"))
    assert [visible_text(h2) for h2 in last.main.select("section[aria-labelledby^=people] h2")] == [
        "Staff",
        "Associates and fellows",
    ]
    assert [visible_text(a) for a in last.select(".person-card__name a")] == [
        *staff[PEOPLE_PER_PAGE:],
        "Zoe Associate",
    ]
    pages = soup(client.get(people_index.url)).select("nav.pagination a")
    assert [visible_text(a) for a in pages] == ["Page 1", "Page 2", "Next page"]
    for bad in ("0", "x", "-1", "9" * 30):
        response = client.get(people_index.url, {"page": bad})
        assert response.status_code == 200, bad
        assert soup(response).select(".person-card__name a")
