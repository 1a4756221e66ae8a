"""The landing page's timeline names strand pages instead of retyping their dates and titles.

Each old stage becomes its strand: the page it linked to when that is a strand, otherwise
the strand with the same title. A stage that matches no strand cannot be told by one and
is left out (the demo content linked every stage). Drafts and old revisions are converted
too, so publishing or reverting one never brings the old shape back.
"""

import uuid

import wagtail.fields
from django.db import migrations
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation


class StagesToStrands(BaseBlockOperation):
    """{heading, stages: [{period, title, description, page}]} -> {heading, strands: [id]}."""

    def __init__(self):
        super().__init__()
        self.strand_ids = set()
        self.strand_ids_by_title = {}

    def strand_for(self, stage):
        if stage.get("page") in self.strand_ids:
            return stage["page"]
        return self.strand_ids_by_title.get((stage.get("title") or "").strip().casefold())

    def apply(self, block_value):
        if "stages" not in block_value:  # Already converted.
            return block_value
        strands, seen = [], set()
        for child in block_value["stages"] or []:
            # A ListBlock stores [{type: item, value, id}] today, bare values in older data.
            is_item = isinstance(child, dict) and child.get("type") == "item"
            stage = child["value"] if is_item else child
            strand = self.strand_for(stage or {})
            if strand is None or strand in seen:
                continue
            seen.add(strand)
            item_id = child.get("id") if is_item else None
            strands.append({"type": "item", "value": strand, "id": item_id or str(uuid.uuid4())})
        return {"heading": block_value.get("heading", ""), "strands": strands}

    @property
    def operation_name_fragment(self):
        return "timeline_stages_to_strands"


class MigrateTimelines(MigrateStreamData):
    """Wagtail's stream data migration, told which strands exist before it converts."""

    def migrate_stream_data_forward(self, apps, schema_editor):
        StrandPage = apps.get_model("programme", "StrandPage")
        strands = list(StrandPage.objects.values_list("pk", "title"))
        for operation, _path in self.operations_and_block_paths:
            operation.strand_ids = {pk for pk, _title in strands}
            operation.strand_ids_by_title = {title.strip().casefold(): pk for pk, title in strands}
        super().migrate_stream_data_forward(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('programme', '0004_content_page'),
    ]

    operations = [
        MigrateTimelines(
            app_name="programme",
            model_name="HomePage",
            field_name="body",
            operations_and_block_paths=[(StagesToStrands(), "timeline")],
        ),
        migrations.AlterField(
            model_name='homepage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('quote', 7), ('image', 11), ('speak_to', 15), ('timeline', 19), ('highlight', 27)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': 'A short title for the section that follows.', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Section heading'), ('h3', 'Sub-heading')], 'help_text': 'Use sub-headings only inside a section.'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('kindness.blocks.ParagraphBlock', (), {}), 4: ('wagtail.blocks.TextBlock', (), {'help_text': 'The words quoted, without quotation marks.'}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Who said or wrote it.', 'required': False}), 6: ('wagtail.blocks.CharBlock', (), {'help_text': 'Their role, or the report the words come from.', 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('quote', 4), ('attribution', 5), ('source', 6)]], {}), 8: ('wagtail.images.blocks.ImageChooserBlock', (), {}), 9: ('wagtail.blocks.CharBlock', (), {'help_text': "Describe what the image shows for people who cannot see it (for example 'Volunteers planting a community garden').", 'max_length': 250}), 10: ('wagtail.blocks.CharBlock', (), {'help_text': 'Shown under the image.', 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('image', 8), ('alt_text', 9), ('caption', 10)]], {}), 12: ('wagtail.blocks.CharBlock', (), {'default': 'Speak to', 'help_text': "For example 'Speak to' or 'Contact us'.", 'max_length': 80}), 13: ('wagtail.blocks.PageChooserBlock', (), {'page_type': ['people.PersonPage']}), 14: ('wagtail.blocks.ListBlock', (13,), {'help_text': 'The people to contact, in the order they should appear. Their photo, role, email address and phone number come from their person page.', 'min_num': 1}), 15: ('wagtail.blocks.StructBlock', [[('heading', 12), ('people', 14)]], {}), 16: ('wagtail.blocks.CharBlock', (), {'help_text': "For example 'The programme so far'.", 'max_length': 120}), 17: ('wagtail.blocks.PageChooserBlock', (), {'page_type': ['programme.StrandPage']}), 18: ('wagtail.blocks.ListBlock', (17,), {'help_text': "The strands to show, in order. Each one's dates, title and summary come from its own page; unpublished strands are left out.", 'min_num': 1}), 19: ('wagtail.blocks.StructBlock', [[('heading', 16), ('strands', 18)]], {}), 20: ('wagtail.blocks.CharBlock', (), {'max_length': 120}), 21: ('wagtail.blocks.TextBlock', (), {'required': False}), 22: ('kindness.blocks.ParagraphBlock', (), {'features': ['bold', 'italic', 'link']}), 23: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'Where a reader can find out more.', 'required': False}), 24: ('wagtail.blocks.CharBlock', (), {'help_text': "Defaults to the linked page's title.", 'max_length': 80, 'required': False}), 25: ('wagtail.blocks.StructBlock', [[('text', 22), ('page', 23), ('link_text', 24)]], {}), 26: ('wagtail.blocks.ListBlock', (25,), {'min_num': 1}), 27: ('wagtail.blocks.StructBlock', [[('heading', 20), ('introduction', 21), ('items', 26)]], {})}, help_text='The rest of the page: text, the programme timeline, current work, quotes, pictures and the people to speak to.'),
        ),
    ]
