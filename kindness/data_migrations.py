"""Data moves that several apps' migrations share, so each app's migration says only which
of its fields move.

- Alt text typed beside a picture becomes the image's own description (its alt text in
  Wagtail), where the image has none yet: the first words an editor wrote for it win.
- A share title or description becomes the page's SEO title or search description, where
  that is empty, so one title and one description serve search engines and networks alike.
- A body image block ({image, alt_text, caption}) becomes Wagtail's ImageBlock inside a
  figure ({image: {image, decorative, alt_text}, caption}), keeping its alt text.

Pages are read live and as their latest revision, so a draft in progress keeps its words too.
"""

import json

from wagtail.blocks.migrations.operations import BaseBlockOperation

DESCRIPTION_MAX_LENGTH = 255


def _describe(Image, image_id, alt_text):
    alt_text = " ".join(str(alt_text or "").split())
    if image_id and alt_text:
        Image.objects.filter(pk=image_id, description="").update(
            description=alt_text[:DESCRIPTION_MAX_LENGTH]
        )


def _latest_revision_content(apps, page):
    if not getattr(page, "latest_revision_id", None):
        return None, None
    Revision = apps.get_model("wagtailcore", "Revision")
    revision = Revision.objects.filter(pk=page.latest_revision_id).first()
    if revision is None or not isinstance(revision.content, dict):
        return None, None
    return revision, revision.content


def alt_text_to_image_descriptions(app_label, model_name, *fields):
    """A RunPython function: each (image field, alt text field) pair's words move to the image."""

    def forwards(apps, schema_editor):
        Image = apps.get_model("wagtailimages", "Image")
        Model = apps.get_model(app_label, model_name)
        for instance in Model.objects.order_by("pk"):
            _revision, content = _latest_revision_content(apps, instance)
            for image_field, alt_field in fields:
                _describe(
                    Image, getattr(instance, f"{image_field}_id"), getattr(instance, alt_field)
                )
                if content:
                    _describe(Image, content.get(image_field), content.get(alt_field))

    return forwards


# Each share field and the field that now says the same thing.
SHARE_TO_SEO = (("share_title", "seo_title"), ("share_description", "search_description"))


def _merge_share_fields(values):
    """{seo field: words} for every share field with words whose SEO field has none."""
    changes = {}
    for share_field, seo_field in SHARE_TO_SEO:
        words = (values.get(share_field) or "").strip()
        if words and not (values.get(seo_field) or "").strip():
            changes[seo_field] = words
    return changes


def share_fields_to_seo_fields(app_label, model_name):
    """A RunPython function: a page's share title and description move to Wagtail's fields."""

    def forwards(apps, schema_editor):
        Model = apps.get_model(app_label, model_name)
        for page in Model.objects.order_by("pk"):
            values = {field: getattr(page, field) for pair in SHARE_TO_SEO for field in pair}
            if changes := _merge_share_fields(values):
                Model.objects.filter(pk=page.pk).update(**changes)
            revision, content = _latest_revision_content(apps, page)
            if content and (changes := _merge_share_fields(content)):
                content.update(changes)
                revision.save(update_fields=["content"])

    return forwards


def _stream_items(raw):
    if isinstance(raw, str):
        raw = json.loads(raw or "[]")
    return raw or []


def body_image_alt_text_to_descriptions(app_label, model_name, field_name="body"):
    """A RunPython function: alt text typed in body image blocks moves to the images."""

    def forwards(apps, schema_editor):
        Image = apps.get_model("wagtailimages", "Image")
        Model = apps.get_model(app_label, model_name)
        for page in Model.objects.order_by("pk"):
            streams = [getattr(page, field_name).raw_data]
            _revision, content = _latest_revision_content(apps, page)
            if content and content.get(field_name):
                streams.append(_stream_items(content[field_name]))
            for stream in streams:
                for item in stream:
                    value = item.get("value") if item.get("type") == "image" else None
                    if isinstance(value, dict) and not isinstance(value.get("image"), dict):
                        _describe(Image, value.get("image"), value.get("alt_text"))

    return forwards


class ImageToFigureOperation(BaseBlockOperation):
    """{image, alt_text, caption} to {image: {image, decorative, alt_text}, caption}."""

    def apply(self, block_value):
        if not isinstance(block_value, dict) or isinstance(block_value.get("image"), dict):
            return block_value  # Already in the new shape.
        return {
            "image": {
                "image": block_value.get("image"),
                "decorative": False,
                "alt_text": block_value.get("alt_text") or "",
            },
            "caption": block_value.get("caption") or "",
        }

    @property
    def operation_name_fragment(self):
        return "image_to_figure"
