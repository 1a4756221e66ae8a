"""A person page makes as many queries for 40 publications, strands and links as for 2.

The one query-count test of the person page: what they wrote (with outside co-authors),
the strands they lead or are a contact for, and their links elsewhere.
"""

import datetime

from programme.models import StrandPerson
from tests.html import soup
from tests.people.factories import PersonLinkFactory
from tests.programme.factories import StrandPageFactory
from tests.publications.factories import PublicationAuthorFactory, PublicationPageFactory
from tests.queries import assert_same_number, settled_queries


def grow(person, library, strand_index, start, count):
    for n in range(start, start + count):
        report = PublicationPageFactory(
            parent=library,
            title=f"Report {n}",
            date=datetime.date(2010, 1, 1) + datetime.timedelta(days=30 * n),
        )
        PublicationAuthorFactory(page=report, person=person, sort_order=0)
        PublicationAuthorFactory(page=report, name="Outside Author", sort_order=1)
        strand = StrandPageFactory(parent=strand_index, title=f"Strand {n}")
        role = "lead" if n % 2 else "contact"
        StrandPerson.objects.create(page=strand, person=person, role=role)
        PersonLinkFactory(page=person, url=f"https://example.org/{n}", sort_order=n)


def test_person_page_queries_stay_constant_from_2_to_40(jennifer, library, strand_index, client):
    grow(jennifer, library, strand_index, 0, 2)
    few = settled_queries(client, jennifer.url)
    grow(jennifer, library, strand_index, 2, 38)
    many = settled_queries(client, jennifer.url)
    page = soup(client.get(jennifer.url))
    # Their six newest, and a link to the library for the rest.
    assert len(page.select(".library-card")) == 6
    assert page.select_one("#authored-by-heading ~ .related__more a")
    assert len(page.select(".strand-roles__item")) == 40
    assert len(page.select(".person-contact__links a")) == 40
    assert_same_number(few, many)
