"""Every page type joins in: share metadata editors can override, and fields search can find."""

import pytest
from wagtail.models import Page, get_page_models
from wagtail.search import index

from kindness.models import ShareMetadataMixin

PAGE_TYPES = [model for model in get_page_models() if model is not Page]


def label(model):
    return model._meta.label


@pytest.mark.parametrize("model", PAGE_TYPES, ids=label)
def test_every_page_type_carries_share_metadata(model):
    assert issubclass(model, ShareMetadataMixin)


@pytest.mark.parametrize("model", PAGE_TYPES, ids=label)
def test_every_page_type_is_searchable_beyond_its_title(model):
    searched = {
        field.field_name
        for field in model.search_fields
        if isinstance(field, index.SearchField) and field.field_name != "title"
    }
    assert searched, f"{label(model)} indexes nothing but its title"
