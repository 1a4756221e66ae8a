"""Staff pages offer a vCard that address books can read; other people's pages do not."""

import vobject

from people.models import PersonPage
from people.vcard import vcard
from tests.html import soup


def test_staff_page_links_to_a_vcard_that_parses(jennifer, client):
    link = soup(client.get(jennifer.url)).select_one(".person-contact__vcard a")
    assert link["href"] == f"{jennifer.url}vcard/"
    assert link.has_attr("download")

    response = client.get(link["href"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="jennifer-wallace.vcf"'
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Jennifer Wallace"
    assert card.n.value.family == "Wallace"
    assert card.n.value.given == "Jennifer"
    assert card.title.value == "Head of Policy"
    assert card.org.value == ["Carnegie UK Trust"]
    assert card.email.value == "jennifer.wallace@example.org"
    assert card.tel.value == "+44 (0)1383 721445"
    assert card.url.value == f"http://localhost{jennifer.url}"


def test_vcard_keeps_honorifics_in_their_places(people_index, client):
    from tests.people.factories import PersonPageFactory

    person = PersonPageFactory(
        parent=people_index, title="Julia Unwin", honorific_prefix="Dr", honorific_suffix="DBE"
    )
    card = vobject.readOne(client.get(f"{person.url}vcard/").content.decode())
    assert card.fn.value == "Dr Julia Unwin DBE"
    assert (card.n.value.prefix, card.n.value.suffix) == ("Dr", "DBE")


def test_vcard_escapes_commas_semicolons_and_newlines():
    text = vcard(
        full_name="Ann O'Neil",
        family_name="O'Neil",
        given_names="Ann",
        title="Head of Policy, Research; and Data",
        organisation="Trust; Scotland, UK",
        note="Line one\nLine two",
    )
    assert "TITLE:Head of Policy\\, Research\\; and Data\r\n" in text
    card = vobject.readOne(text)
    assert card.title.value == "Head of Policy, Research; and Data"
    assert card.note.value == "Line one\nLine two"
    assert card.org.value == ["Trust; Scotland, UK"]


def test_long_lines_are_folded_at_75_octets():
    note = "Zoë " * 40
    text = vcard(full_name="Zoë Ferguson", family_name="Ferguson", note=note)
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    note_lines = [line for line in lines if line.startswith(("NOTE:", " "))]
    assert len(note_lines) > 1
    assert vobject.readOne(text).note.value == note


def test_every_line_ends_with_crlf(jennifer, client):
    text = client.get(f"{jennifer.url}vcard/").content.decode()
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_pages_of_associates_and_authors_have_no_vcard(elizabeth, people_index, client):
    assert client.get(f"{elizabeth.url}vcard/").status_code == 404
    assert not soup(client.get(elizabeth.url)).select(".person-contact__vcard")
    elizabeth.kind = PersonPage.Kind.AUTHOR
    elizabeth.save_revision().publish()
    assert client.get(f"{elizabeth.url}vcard/").status_code == 404
