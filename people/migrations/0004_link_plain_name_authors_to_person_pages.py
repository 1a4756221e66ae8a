"""Publication authors typed as plain names become links to the person page of that name.

The publications issue let editors type an author's name where no person page existed.
Where a page now exists whose name matches ("Julia Unwin" or "Julia Unwin DBE"), the
author is linked to it; names that match no page, or more than one, are left as they are.
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
    dependencies = [
        ("people", "0003_person_links_contact_tab_and_author_listing"),
        ("publications", "0003_speak_to_in_publication_body"),
    ]

    # Going back leaves the links in place: a linked author is still a valid author.
    operations = [migrations.RunPython(link_authors, migrations.RunPython.noop)]
