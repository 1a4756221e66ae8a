"""A GIN index on each search entry's title and body together, for the search on Postgres.

Wagtail's database search (8.0, through django-modelsearch 1.3) matches a query against
`title || body`, the two tsvectors of an entry joined, and no index has that expression:
modelsearch's own comment promises one "in a SQL migration" that neither it nor Wagtail
creates. So Postgres joined the two vectors of every index entry of a page type and
matched each, for every search and again for its count: when a common word matches a third
of the site, 3,600 entries at `load_demo_content --scale 90`. With this index the matches
come from the index. It must be the very expression Wagtail writes, `title || body`, or the
planner cannot use it. SQLite, for development, has its own full-text table: nothing to do.
"""

from django.db import migrations

INDEX = "kindness_search_title_body"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("kindness", "0004_page_id_as_text_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
