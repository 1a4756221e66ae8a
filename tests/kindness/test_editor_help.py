"""Editors are told what each page type is for and what each field they see wants.

The checks walk every page model's edit form (its fields, its inline panels' fields) and
every block its StreamFields offer, so a page type, field or block added later is held to
the same rule without editing this file.
"""

import pytest
from django import forms
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, get_page_models

from people.models import PersonPage

PAGE_TYPES = [model for model in get_page_models() if model is not Page]

# Wagtail's own scheduling and commenting controls in the Settings tab, which Wagtail's
# interface explains itself.
WAGTAILS_OWN_FIELDS = {"go_live_at", "expire_at", "comment_notifications"}
WAGTAILS_OWN_FORMSETS = {"comments"}
# Words that end in "s" and are still singular.
SINGULAR_ENDING_IN_S = {"series", "status", "news"}


def label(model):
    return model._meta.label


def form_fields(model):
    """(name, form field) for every field the model's edit form shows, inline panels too."""
    form_class = model.get_edit_handler().get_form_class()
    for name, field in form_class.base_fields.items():
        if name not in WAGTAILS_OWN_FIELDS:
            yield name, field
    for formset_name, formset in form_class.formsets.items():
        if formset_name in WAGTAILS_OWN_FORMSETS:
            continue
        for name, field in formset.form.base_fields.items():
            yield f"{formset_name}.{name}", field


def block_help_text(block):
    field = getattr(block, "field", None)
    return getattr(block.meta, "help_text", None) or getattr(field, "help_text", None)


def child_blocks(block, path):
    """(path, block) for every block an editor fills in, under `block`."""
    if isinstance(block, ImageBlock):
        return  # Wagtail's own image control; the block around it gives the help.
    if isinstance(block, blocks.ListBlock):
        yield from child_blocks(block.child_block, f"{path}[]")
    elif isinstance(block, (blocks.StructBlock, blocks.StreamBlock)):
        for name, child in block.child_blocks.items():
            if isinstance(block, blocks.StructBlock):
                yield f"{path}.{name}", child
            yield from child_blocks(child, f"{path}.{name}")


def stream_blocks(model):
    for field in model._meta.get_fields():
        if isinstance(field, StreamField) and field.model is model:
            yield from child_blocks(field.stream_block, field.name)


def choice_labels(model):
    for name, field in form_fields(model):
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            yield from ((name, str(text)) for value, text in field.choices if value != "")
    for path, block in stream_blocks(model):
        if isinstance(block, blocks.ChoiceBlock):
            yield from ((path, str(text)) for value, text in block.field.choices if value != "")


@pytest.mark.parametrize("model", PAGE_TYPES, ids=label)
def test_every_page_type_says_what_it_is_for_in_the_add_page_chooser(model):
    # Its own, not one inherited from the page type it extends.
    description = model.__dict__.get("page_description", "")
    assert description.strip(), f"{label(model)} has no page_description"


@pytest.mark.parametrize("model", PAGE_TYPES, ids=label)
def test_every_field_an_editor_sees_has_help_text(model):
    missing = [name for name, field in form_fields(model) if not str(field.help_text).strip()]
    assert not missing, f"{label(model)}: no help text for {missing}"


@pytest.mark.parametrize("model", PAGE_TYPES, ids=label)
def test_every_block_field_an_editor_fills_in_has_help_text(model):
    missing = [path for path, block in stream_blocks(model) if not block_help_text(block)]
    assert not missing, f"{label(model)}: no help text for blocks {missing}"


@pytest.mark.parametrize("model", PAGE_TYPES, ids=label)
def test_choice_labels_name_one_thing(model):
    plural = [
        (name, text)
        for name, text in choice_labels(model)
        if text.split()[-1].endswith("s") and text.split()[-1].lower() not in SINGULAR_ENDING_IN_S
    ]
    assert not plural, f"{label(model)}: plural choice labels {plural}"


def test_a_person_is_staff_an_associate_or_fellow_or_an_author():
    assert [text for _value, text in PersonPage.Kind.choices] == [
        "Staff",
        "Associate or fellow",
        "Author",
    ]
