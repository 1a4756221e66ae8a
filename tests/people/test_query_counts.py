"""A person page makes as many queries for 40 publications and strands as for 2."""

import datetime

from programme.models import StrandPerson
from tests.html import soup
from tests.people.factories import PersonLinkFactory
from tests.programme.factories import StrandPageFactory
from tests.publications.factories import PublicationAuthorFactory, PublicationPageFactory
from tests.queries import count_queries


def grow(person, library, strand_index, start, count):
    for n in range(start, start + count):
        report = PublicationPageFactory(
            parent=library, title=f"Report {n}", date=datetime.date(2010, 1, 1)
        )
        PublicationAuthorFactory(page=report, person=person, sort_order=0)
        strand = StrandPageFactory(parent=strand_index, title=f"Strand {n}")
        StrandPerson.objects.create(page=strand, person=person, role="contact")
        PersonLinkFactory(page=person, url=f"https://example.org/{n}", sort_order=n)


def test_person_page_queries_stay_constant_from_2_to_40(jennifer, library, strand_index, client):
    grow(jennifer, library, strand_index, 0, 2)
    count_queries(client, jennifer.url)
    few = count_queries(client, jennifer.url)
    grow(jennifer, library, strand_index, 2, 38)
    count_queries(client, jennifer.url)
    many = count_queries(client, jennifer.url)
    page = soup(client.get(jennifer.url))
    assert len(page.select(".library-card")) == 40
    assert len(page.select(".strand-roles__item")) == 40
    assert len(page.select(".person-contact__links a")) == 40
    assert few == many
