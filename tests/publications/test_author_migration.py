"""Plain-name authors are linked to the person page of the same name by a migration."""

import importlib

from django.apps import apps

from tests.publications.factories import PublicationAuthorFactory, PublicationPageFactory

migration = importlib.import_module(
    "publications.migrations.0005_link_plain_name_authors_to_person_pages"
)


def test_plain_names_that_match_one_person_page_become_links(library, ben, elizabeth):
    report = PublicationPageFactory(parent=library)
    by_name = PublicationAuthorFactory(page=report, name="Ben Thurman", sort_order=0)
    with_honorific = PublicationAuthorFactory(page=report, name="dr elizabeth kelly", sort_order=1)
    outside = PublicationAuthorFactory(page=report, name="Julie Brownlie", sort_order=2)

    migration.link_authors(apps, None)

    for author in (by_name, with_honorific, outside):
        author.refresh_from_db()
    assert (by_name.person_id, by_name.name) == (ben.pk, "")
    assert (with_honorific.person_id, with_honorific.name) == (elizabeth.pk, "")
    assert (outside.person_id, outside.name) == (None, "Julie Brownlie")
