"""Strands link to the people who lead them or are their contacts, and back again."""

from programme.models import StrandPage, StrandPerson
from tests.html import soup, visible_text
from tests.programme.factories import StrandPageFactory


def strand(strand_index, title, person, role="contact", **fields):
    page = StrandPageFactory(parent=strand_index, title=title, **fields)
    StrandPerson.objects.create(page=page, person=person, role=role)
    return page


def test_strand_page_links_to_its_people(strand_index, elizabeth, client):
    health = strand(strand_index, "Kindness in health and social care", elizabeth, "lead")
    section = soup(client.get(health.url)).select_one("#strand-people").parent
    link = section.select_one(".person-card__name a")
    assert visible_text(link) == "Dr Elizabeth Kelly"
    assert link["href"] == elizabeth.url
    assert "Leads this strand" in visible_text(section)


def test_person_page_lists_their_strands_current_first_then_newest(
    strand_index, elizabeth, ben, client
):
    current = StrandPage.Status.CURRENT
    strand(strand_index, "Old", elizabeth, start_year=2016, end_year=2017)
    strand(strand_index, "Newer", elizabeth, start_year=2018, end_year=2019)
    strand(strand_index, "Now", elizabeth, "lead", start_year=2020, end_year=None, status=current)
    strand(strand_index, "Not hers", ben, start_year=2021, end_year=2021)
    section = soup(client.get(elizabeth.url)).select_one("#strand-roles-heading").parent
    items = section.select(".strand-roles__item")
    assert [visible_text(item.a) for item in items] == ["Now", "Newer", "Old"]
    assert "Leads this strand" in visible_text(items[0])
    assert "Contact" in visible_text(items[1])
    assert items[0].a["href"] == StrandPage.objects.get(title="Now").url


def test_unpublished_strands_are_not_listed(strand_index, elizabeth, client):
    draft = strand(strand_index, "Draft strand", elizabeth)
    draft.unpublish()
    assert not soup(client.get(elizabeth.url)).select("#strand-roles-heading")
