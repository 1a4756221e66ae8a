"""Editors add and edit people in the Wagtail admin, with contact details on their own tab;
approvers publish them."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from people.models import PersonPage
from tests.html import soup, visible_text


def person_form(**fields):
    data = {
        "title": "Jennifer Wallace",
        "slug": "jennifer-wallace",
        "honorific_prefix": "",
        "honorific_suffix": "",
        "last_name": "",
        "kind": "staff",
        "role": "Head of Policy",
        "organisation": "Carnegie UK Trust",
        "photo": "",
        "biography": rich_text("<p>Head of Policy.</p>"),
        "email": "jennifer.wallace@example.org",
        "phone": "",
        "links": inline_formset(
            [{"url": "https://www.linkedin.com/in/jw", "label": ""}], initial=0
        ),
        "action-publish": "publish",
    }
    data.update(fields)
    return nested_form_data(data)


def test_person_edit_form_has_content_and_contact_tabs(jennifer, editor):
    response = editor.get(f"/admin/pages/{jennifer.pk}/edit/")
    tabs = [visible_text(tab).split(" (")[0] for tab in soup(response).select('[role="tab"]')]
    assert tabs[:3] == ["Content", "Contact", "Promote"]


def test_an_approver_publishes_a_person_with_a_link(people_index, approver, client):
    add_url = f"/admin/pages/add/people/personpage/{people_index.pk}/"
    response = approver.post(add_url, person_form())
    assert response.status_code == 302, response.content[:2000]
    person = PersonPage.objects.get(slug="jennifer-wallace")
    assert person.live
    assert [link.url for link in person.links.all()] == ["https://www.linkedin.com/in/jw"]
    page = soup(client.get(person.url))
    assert visible_text(page.select_one(".person-contact__links a")) == (
        "Jennifer Wallace on LinkedIn"
    )


@pytest.mark.parametrize(
    ("description", "problem"),
    [("", "is empty"), ("IMG_0042.jpg", "is only a file name or the image's title")],
)
def test_admin_refuses_a_photo_without_a_description(
    people_index, photo, editor, description, problem
):
    photo.description = description
    photo.save()
    response = editor.post(
        f"/admin/pages/add/people/personpage/{people_index.pk}/", person_form(photo=photo.pk)
    )
    assert response.status_code == 200
    errors = soup(response).select(".w-field__errors, .error-message")
    assert any(
        f"The description of the image 'Portrait' {problem}." in visible_text(error)
        and "edit the image under Images" in visible_text(error)
        for error in errors
    ), [visible_text(error) for error in errors]
    assert not PersonPage.objects.filter(slug="jennifer-wallace").exists()


def test_editor_previews_a_new_person_before_saving(people_index, editor):
    url = f"/admin/pages/add/people/personpage/{people_index.pk}/preview/"
    response = editor.post(url, person_form())
    assert response.json()["is_valid"]
    page = soup(editor.get(url))
    assert visible_text(page.h1) == "Jennifer Wallace"
    assert "Jennifer Wallace on LinkedIn" in visible_text(page.main)
