"""A film whose recording is not online may be published without a transcript.

The demo films carried a stand-in transcript that began "Placeholder:"; sites loaded before
this change have it on their film pages and in their revisions. It is removed here (only
that exact text, so nothing an editor wrote is touched), and the pages now say plainly
that the recording is not online yet.
"""

import wagtail.fields
from django.db import migrations

OLD_DEMO_TRANSCRIPT = (
    "<p>Placeholder: the transcript of this film is not on the site yet. An editor will "
    "replace this text with everything said and shown in the film.</p>"
)


def remove_demo_transcripts(apps, schema_editor):
    FilmPage = apps.get_model("publications", "FilmPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    films = FilmPage.objects.filter(transcript=OLD_DEMO_TRANSCRIPT)
    film_ids = [str(pk) for pk in films.values_list("pk", flat=True)]
    films.update(transcript="")
    for revision in Revision.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=film_ids,
    ):
        if revision.content.get("transcript") == OLD_DEMO_TRANSCRIPT:
            revision.content["transcript"] = ""
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0005_link_plain_name_authors_to_person_pages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="filmpage",
            name="transcript",
            field=wagtail.fields.RichTextField(
                blank=True,
                help_text="Everything said and shown in the film, for people who cannot "
                "watch or hear it. Required before a film with a video can be published.",
            ),
        ),
        migrations.RunPython(remove_demo_transcripts, migrations.RunPython.noop),
    ]
