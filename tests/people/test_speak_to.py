"""The "Speak to" block works on the landing page, strand pages and publications."""

import pytest
from wagtail.blocks import StructBlockValidationError

from people.blocks import SpeakToBlock
from tests.html import soup, visible_text
from tests.people.factories import PersonPageFactory
from tests.programme.factories import StrandPageFactory
from tests.publications.factories import PublicationPageFactory
from tests.queries import assert_same_number, settled_queries


def speak_to(*people, heading="Speak to"):
    return [("speak_to", {"heading": heading, "people": list(people)})]


@pytest.fixture(params=["home", "strand", "publication"])
def page_with_body(request, home, strand_index, library):
    """Each page type whose body offers the block."""
    return {
        "home": lambda: home,
        "strand": lambda: StrandPageFactory(parent=strand_index, title="Kinder communities"),
        "publication": lambda: PublicationPageFactory(parent=library, title="The Place"),
    }[request.param]()


def publish_body(page, body):
    page.body = body
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_block_shows_each_person_with_role_and_how_to_reach_them(
    page_with_body, jennifer, ben, client
):
    page = publish_body(page_with_body, speak_to(jennifer, ben))
    block = soup(client.get(page.url)).select_one(".speak-to")
    assert visible_text(block.h2) == "Speak to"
    cards = block.select(".person-card")
    assert [visible_text(card.h3) for card in cards] == ["Jennifer Wallace", "Ben Thurman"]
    assert [card.h3.a["href"] for card in cards] == [jennifer.url, ben.url]
    assert "Head of Policy, Carnegie UK Trust" in visible_text(cards[0])
    email = cards[0].select_one('a[href="mailto:jennifer.wallace@example.org"]')
    assert visible_text(email).startswith("Email Jennifer Wallace")
    assert cards[0].select_one('a[href="tel:+441383721445"]')
    # No address is known for Ben: his card reads well without one.
    assert not cards[1].select('a[href^="mailto:"], a[href^="tel:"]')


def test_block_shows_the_photo_with_its_alt_text(home, jennifer, photo, client):
    jennifer.photo = photo
    jennifer.save_revision().publish()
    publish_body(home, speak_to(jennifer))
    images = soup(client.get(home.url)).select(".speak-to img")
    assert [img["alt"] for img in images] == ["Jennifer Wallace, smiling"]


def test_unpublished_people_are_left_out(home, jennifer, ben, client):
    publish_body(home, speak_to(jennifer, ben))
    ben.unpublish()
    names = soup(client.get(home.url)).select(".speak-to .person-card__name")
    assert [visible_text(name) for name in names] == ["Jennifer Wallace"]


def test_block_queries_do_not_grow_with_the_people(home, people_index, photo, client):
    def people(count, start):
        return [
            PersonPageFactory(
                parent=people_index,
                title=f"Person {n}",
                photo=photo,
                email=f"person{n}@example.org",
            )
            for n in range(start, start + count)
        ]

    two = people(2, 0)
    publish_body(home, speak_to(*two))
    few = settled_queries(client, home.url)
    publish_body(home, speak_to(*two, *people(10, 2)) + speak_to(*two, heading="Or ask"))
    many = settled_queries(client, home.url)
    assert len(soup(client.get(home.url)).select(".speak-to .person-card")) == 14
    assert_same_number(few, many)


def test_block_refuses_the_same_person_twice(jennifer, ben):
    block = SpeakToBlock()
    value = block.to_python({"heading": "Speak to", "people": [jennifer.pk, ben.pk, jennifer.pk]})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert error.value.non_block_errors.as_text() == "* Choose each person only once."
    assert block.clean(block.to_python({"heading": "Speak to", "people": [jennifer.pk, ben.pk]}))
