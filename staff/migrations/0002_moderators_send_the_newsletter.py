"""Moderators may send the newsletter (staff/roles.py); editors may not."""

from django.db import migrations


def set_up_roles(apps, schema_editor):
    from staff.roles import set_up_roles

    set_up_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_editors_and_moderators"),
        ("newsletter", "0003_campaigns_and_bounces"),
    ]

    operations = [migrations.RunPython(set_up_roles, migrations.RunPython.noop)]
