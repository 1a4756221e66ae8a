"""The demo people: the programme's real people, with their roles and honorifics."""

from io import StringIO

from django.core.management import call_command

from people.models import PersonPage
from programme.models import StrandPage
from tests.html import soup, visible_text


def test_every_person_of_the_programme_has_a_page_with_their_role(demo, client):
    expected = {
        "Jennifer Wallace": "Head of Policy, Carnegie UK Trust",
        "Ben Thurman": "Policy and Development Officer, Carnegie UK Trust",
        "Julia Unwin DBE": "Carnegie Fellow, Carnegie UK Trust",
        "Dr Elizabeth Kelly": "Carnegie Associate, Carnegie UK Trust",
        "Zoë Ferguson": "Carnegie Associate, Carnegie UK Trust",
        "Simon Anderson": "",
        "Julie Brownlie": "University of Edinburgh",
    }
    people = {person.full_name: person for person in PersonPage.objects.live()}
    assert set(people) == set(expected)
    for name, role in expected.items():
        page = soup(client.get(people[name].url))
        assert visible_text(page.h1) == name
        assert people[name].biography, name
        if role:
            assert visible_text(page.select_one(".lede")) == role


def test_unknown_contact_details_stay_empty_and_the_page_reads_well(demo, client):
    assert not PersonPage.objects.exclude(email="").exists()
    assert not PersonPage.objects.exclude(phone="").exists()
    jennifer = PersonPage.objects.get(slug="jennifer-wallace")
    page = soup(client.get(jennifer.url))
    contact = page.select_one(".person-contact")
    # Only the vCard is offered: no empty "Email" or "Phone" lines.
    assert [visible_text(a) for a in contact.select("a")] == [
        "Save Jennifer Wallace to your contacts (vCard)"
    ]
    assert not contact.select("dl")


def test_the_index_lists_staff_and_associates_but_not_outside_authors(demo, client):
    page = soup(client.get("/people/"))
    groups = {
        visible_text(section.h2): [visible_text(a) for a in section.select(".person-card a")]
        for section in page.main.select("section")
    }
    assert groups["Staff"] == ["Ben Thurman", "Jennifer Wallace"]
    assert groups["Associates and fellows"] == [
        "Zoë Ferguson",
        "Dr Elizabeth Kelly",
        "Julia Unwin DBE",
    ]
    assert "Authors" not in groups


def test_landing_page_speak_to_links_to_the_contacts_pages(demo, client):
    section = soup(client.get("/")).select_one(".speak-to")
    links = [a["href"] for a in section.select(".person-card__name a")]
    assert links == ["/people/jennifer-wallace/", "/people/ben-thurman/"]


def test_elizabeth_kelly_leads_the_health_and_social_care_strand(demo, client):
    elizabeth = PersonPage.objects.get(slug="elizabeth-kelly")
    section = soup(client.get(elizabeth.url)).select_one("#strand-roles-heading").parent
    health = StrandPage.objects.get(slug="kindness-in-health-and-social-care")
    assert [a["href"] for a in section.select("a.strand-roles__title")] == [health.url]
    assert "Leads this strand" in visible_text(section)


def test_loading_again_duplicates_no_one(demo):
    count = PersonPage.objects.count()
    call_command("load_demo_content", stdout=StringIO())
    assert PersonPage.objects.count() == count == 7
