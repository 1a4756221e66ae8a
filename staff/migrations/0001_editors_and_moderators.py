"""Wagtail's Editors and Moderators groups, and its approval workflow, set up for this site
(staff/roles.py says what each role may do). Running it again changes nothing."""

from django.db import migrations


def set_up_roles(apps, schema_editor):
    # The roles' one definition, also used when a site gets a new home page (staff/signals.py).
    from staff.roles import set_up_roles

    set_up_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("kindness", "0004_page_id_as_text_index"),
        ("newsletter", "0001_initial"),
        ("publications", "0013_report_blocks_extend_the_article_blocks"),
    ]

    operations = [migrations.RunPython(set_up_roles, migrations.RunPython.noop)]
