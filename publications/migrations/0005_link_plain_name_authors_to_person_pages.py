"""Publication authors typed as plain names become links to the person page of that name.

The publications issue let editors type an author's name where no person page existed.
Where a page now exists whose name matches ("Julia Unwin" or "Julia Unwin DBE"), the
author is linked to it; names that match no page, or more than one, are left as they are.

This step first shipped as people's migration 0004, which made the people app's
migrations depend on the publications app's, against the layers (README). It lives here
now; `replaces` tells Django that a database which ran it there has run it, so it runs
once either way.
"""

from django.db import migrations


def names(person):
    plain = person.title.strip()
    full = " ".join(
        part for part in (person.honorific_prefix, plain, person.honorific_suffix) if part
    )
    return {plain.casefold(), full.casefold()}


def link_authors(apps, schema_editor):
    PersonPage = apps.get_model("people", "PersonPage")
    PublicationAuthor = apps.get_model("publications", "PublicationAuthor")
    pages_by_name = {}
    for person in PersonPage.objects.all():
        for name in names(person):
            pages_by_name.setdefault(name, set()).add(person.pk)
    for author in PublicationAuthor.objects.filter(person__isnull=True).exclude(name=""):
        matches = pages_by_name.get(author.name.strip().casefold(), set())
        if len(matches) == 1:
            author.person_id = matches.pop()
            author.name = ""
            author.save(update_fields=["person", "name"])


class Migration(migrations.Migration):
    replaces = [("people", "0004_link_plain_name_authors_to_person_pages")]

    dependencies = [
        ("people", "0003_person_links_contact_tab_and_author_listing"),
        ("publications", "0004_keep_author_names_when_a_person_is_deleted"),
    ]

    # Going back leaves the links in place: a linked author is still a valid author.
    operations = [migrations.RunPython(link_authors, migrations.RunPython.noop)]
