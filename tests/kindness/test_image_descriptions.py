"""An image's description is its alt text everywhere, so the image form refuses a file name."""

import pytest
from wagtail.images.models import Image
from wagtail.models import Collection

from tests.html import soup, visible_text
from tests.kindness.factories import ImageFactory


def edit_image(editor, image, description):
    return editor.post(
        f"/admin/images/{image.pk}/",
        {
            "title": image.title,
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
            "description": description,
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
        },
    )


@pytest.mark.parametrize("description", ["IMG_0042.jpg", "lunch.webp", "Community lunch"])
def test_the_image_form_refuses_a_file_name_or_the_title_as_the_description(
    db, editor, description
):
    image = ImageFactory(title="Community lunch", description="")
    response = edit_image(editor, image, description)
    assert response.status_code == 200
    errors = [visible_text(error) for error in soup(response).select(".error-message")]
    assert any("a file name or the image's title tells them nothing" in e for e in errors), errors
    assert Image.objects.get(pk=image.pk).description == ""


@pytest.mark.parametrize("description", ["", "Volunteers sharing soup at a long table"])
def test_the_image_form_keeps_a_real_description_or_none_yet(db, editor, description):
    image = ImageFactory(title="Community lunch", description="Old words")
    response = edit_image(editor, image, description)
    assert response.status_code == 302, [
        visible_text(error) for error in soup(response).select(".error-message")
    ]
    assert Image.objects.get(pk=image.pk).description == description
