"""Block rules that stop an editor publishing something a reader cannot use."""

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from kindness.blocks import FigureBlock, QuoteBlock


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


def figure(image, alt_text, decorative=False):
    block = FigureBlock()
    value = {"image": image.pk, "decorative": decorative, "alt_text": alt_text}
    return block, block.to_python({"image": value, "caption": "Our garden in June"})


@pytest.mark.parametrize("alt_text", ["IMG_0042.jpg", "garden.PNG", "Community garden"])
def test_image_alt_text_must_describe_the_image(image, alt_text):
    block, value = figure(image, alt_text)
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    message = error.value.block_errors["image"].block_errors["alt_text"].messages[0]
    assert message.startswith("Describe what the image shows; a file name")


def test_image_alt_text_cannot_be_empty_unless_the_image_is_decorative(image):
    block, value = figure(image, "  ")
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "alt_text" in error.value.block_errors["image"].block_errors
    block, value = figure(image, "", decorative=True)
    assert block.clean(value)["image"].decorative


@pytest.mark.parametrize(
    ("alt_text", "decorative", "rendered_alt"),
    [
        ("Volunteers planting vegetables", False, "Volunteers planting vegetables"),
        ("", True, ""),
    ],
)
def test_the_image_is_shown_with_the_alt_text_for_this_use(
    image, alt_text, decorative, rendered_alt
):
    block, value = figure(image, alt_text, decorative)
    value = block.clean(value)
    html = BeautifulSoup(block.render(value), "html.parser")
    assert html.img["alt"] == rendered_alt
    assert html.figcaption.get_text() == "Our garden in June"


def test_an_image_without_its_own_alt_text_is_shown_with_its_description(image):
    """A body image saved before per-use alt text (just the image's id) uses its description."""
    image.description = "Raised beds of vegetables behind the community centre"
    image.save()
    block = FigureBlock()
    value = block.to_python({"image": image.pk, "caption": ""})
    html = BeautifulSoup(block.render(value), "html.parser")
    assert html.img["alt"] == "Raised beds of vegetables behind the community centre"
