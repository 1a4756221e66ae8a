"""Every page type joins in: share metadata editors can override, and fields search can find."""

import pytest
from wagtail.models import Page, get_page_models
from wagtail.search import index

from kindness.models import ShareMetadataMixin

# Page types from apps still being built, not yet given the mixin. Each needs one line
# (`class X(ShareMetadataMixin, Page)` plus `share_image_source`/`share_description_source`);
# empty this set as they join.
AWAITING_SHARE_METADATA = set()
# Page types that index nothing but their title yet; each needs a `search_fields` line.
AWAITING_SEARCH_FIELDS = set()

PAGE_TYPES = [model for model in get_page_models() if model is not Page]


def label(model):
    return model._meta.label


@pytest.mark.parametrize("model", PAGE_TYPES, ids=label)
def test_every_page_type_carries_share_metadata(model):
    if label(model) in AWAITING_SHARE_METADATA:
        pytest.skip(f"{label(model)} has not joined ShareMetadataMixin yet")
    assert issubclass(model, ShareMetadataMixin)


@pytest.mark.parametrize("model", PAGE_TYPES, ids=label)
def test_every_page_type_is_searchable_beyond_its_title(model):
    if label(model) in AWAITING_SEARCH_FIELDS:
        pytest.skip(f"{label(model)} has no search_fields of its own yet")
    searched = {
        field.field_name
        for field in model.search_fields
        if isinstance(field, index.SearchField) and field.field_name != "title"
    }
    assert searched, f"{label(model)} indexes nothing but its title"
