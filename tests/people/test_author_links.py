"""Publications link to their authors' pages, and person pages to what they wrote."""

import datetime

from tests.html import soup, visible_text
from tests.publications.factories import PublicationAuthorFactory, PublicationPageFactory


def test_publication_links_to_its_authors_and_they_link_back(library, ben, elizabeth, client):
    courage = PublicationPageFactory(
        parent=library, title="The courage to be kind", date=datetime.date(2020, 12, 8)
    )
    PublicationAuthorFactory(page=courage, person=ben, sort_order=0)
    PublicationAuthorFactory(page=courage, person=elizabeth, sort_order=1)

    authors = soup(client.get(courage.url)).select(".publication-header .inline-list a")
    assert [(visible_text(a), a["href"]) for a in authors] == [
        ("Ben Thurman", ben.url),
        ("Dr Elizabeth Kelly", elizabeth.url),
    ]
    for person in (ben, elizabeth):
        section = soup(client.get(person.url)).select_one("#authored-by-heading").parent
        links = section.select(".card__title a")
        assert [(visible_text(a), a["href"]) for a in links] == [
            ("The courage to be kind", courage.url)
        ]


def test_an_outside_author_without_a_page_is_named_but_not_linked(library, ben, client):
    report = PublicationPageFactory(parent=library, title="Public policy")
    PublicationAuthorFactory(page=report, person=ben, sort_order=0)
    PublicationAuthorFactory(page=report, name="Julie Brownlie", sort_order=1)
    authors = soup(client.get(report.url)).select_one(".publication-header .inline-list")
    assert "Julie Brownlie" in visible_text(authors)
    assert [visible_text(a) for a in authors.select("a")] == ["Ben Thurman"]
