"""Person pages read right: honorifics, role, biography, contact details and links."""

import pytest
from django.core.exceptions import ValidationError

from people.models import PersonPage
from tests.html import soup, visible_text
from tests.people.factories import PersonLinkFactory, PersonPageFactory


def test_person_page_shows_name_with_honorifics_and_role(people_index, client):
    person = PersonPageFactory(
        parent=people_index,
        title="Julia Unwin",
        honorific_suffix="DBE",
        role="Carnegie Fellow",
        organisation="Carnegie UK Trust",
        biography="<p>Julia Unwin DBE is a Carnegie Fellow.</p>",
    )
    page = soup(client.get(person.url))
    assert visible_text(page.h1) == "Julia Unwin DBE"
    assert "Carnegie Fellow, Carnegie UK Trust" in visible_text(page.main)
    assert "Julia Unwin DBE is a Carnegie Fellow." in visible_text(page.main)


def test_a_prefix_comes_before_the_name(elizabeth, client):
    assert visible_text(soup(client.get(elizabeth.url)).h1) == "Dr Elizabeth Kelly"


def test_email_and_phone_are_links_with_accessible_names(jennifer, client):
    page = soup(client.get(jennifer.url))
    email = page.main.select_one('a[href="mailto:jennifer.wallace@example.org"]')
    assert visible_text(email) == "Email Jennifer Wallace: jennifer.wallace@example.org"
    assert email.select_one(".visually-hidden")
    phone = page.main.select_one('a[href^="tel:"]')
    assert phone["href"] == "tel:+441383721445"
    assert visible_text(phone) == "Phone Jennifer Wallace: +44 (0)1383 721445"


def test_a_page_without_contact_details_has_no_empty_contact_section(ben, client):
    ben.kind = PersonPage.Kind.ASSOCIATE
    ben.save_revision().publish()
    page = soup(client.get(ben.url))
    assert not page.select("#contact-heading")
    assert not page.select('a[href^="mailto:"]:not([href^="mailto:?"])')


def test_links_name_their_network_for_screen_readers(jennifer, client):
    PersonLinkFactory(page=jennifer, url="https://www.linkedin.com/in/jw", sort_order=0)
    PersonLinkFactory(page=jennifer, url="https://bsky.app/profile/jw.bsky.social", sort_order=1)
    PersonLinkFactory(page=jennifer, url="https://example.org/jw", sort_order=2)
    PersonLinkFactory(
        page=jennifer, url="https://example.org/research", label="Research profile", sort_order=3
    )
    links = soup(client.get(jennifer.url)).select(".person-contact__links a")
    assert [visible_text(a) for a in links] == [
        "Jennifer Wallace on LinkedIn",
        "Jennifer Wallace on Bluesky",
        "Jennifer Wallace: Website",
        "Jennifer Wallace: Research profile",
    ]
    # What a sighted reader sees is the network's name, and it is part of the link's name.
    assert [a.find(string=True, recursive=False) for a in links] == [
        "LinkedIn",
        "Bluesky",
        "Website",
        "Research profile",
    ]


@pytest.mark.parametrize("description", ["", "  ", "portrait.jpg", "Portrait"])
def test_a_photo_needs_a_description_that_is_not_a_file_name(people_index, photo, description):
    photo.description = description
    photo.save()
    person = PersonPageFactory.build(title="Ben Thurman", slug="ben", photo=photo)
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert "describe what it shows" in error.value.message_dict["photo"][0]


def test_the_photo_is_shown_with_the_image_description_as_its_alt_text(jennifer, photo, client):
    jennifer.photo = photo
    jennifer.save_revision().publish()
    images = soup(client.get(jennifer.url)).select(".person-header img")
    assert [img["alt"] for img in images] == ["Jennifer Wallace, smiling"]
    # One description serves every page that shows the picture.
    photo.description = "Jennifer Wallace in front of a bookcase"
    photo.save()
    images = soup(client.get(jennifer.url)).select(".person-header img")
    assert [img["alt"] for img in images] == ["Jennifer Wallace in front of a bookcase"]
