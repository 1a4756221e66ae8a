"""Block rules that stop an editor publishing something a reader cannot use."""

import pytest
from wagtail.blocks import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from kindness.blocks import ImageBlock, QuoteBlock


@pytest.fixture
def image(db):
    return Image.objects.create(title="Community garden", file=get_test_image_file())


def test_quote_source_needs_an_attribution():
    block = QuoteBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"quote": "Be kind.", "attribution": "", "source": "A report"}))
    assert "attribution" in error.value.block_errors


def test_quote_with_attribution_and_source_is_accepted():
    block = QuoteBlock()
    value = block.clean(
        block.to_python(
            {"quote": "Be kind.", "attribution": "Julia Unwin", "source": "Carnegie Fellow"}
        )
    )
    assert value["attribution"] == "Julia Unwin"


@pytest.mark.parametrize("alt_text", ["IMG_0042.jpg", "garden.PNG", "Community garden"])
def test_image_alt_text_must_describe_the_image(image, alt_text):
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": alt_text, "caption": ""}))
    assert "alt_text" in error.value.block_errors


def test_image_with_a_description_is_accepted(image):
    block = ImageBlock()
    value = block.clean(
        block.to_python(
            {"image": image.pk, "alt_text": "Volunteers planting vegetables", "caption": ""}
        )
    )
    assert value["alt_text"] == "Volunteers planting vegetables"
