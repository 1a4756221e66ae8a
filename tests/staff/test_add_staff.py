"""`manage.py add_staff` (`make staff`): a new editor or approver, who sets their own password
from the link they are emailed, then signs in."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from tests.conftest import staff_member
from tests.two_factor import ENROL


def add_staff(*args, **options):
    out = StringIO()
    call_command("add_staff", *args, stdout=out, **options)
    return out.getvalue()


def groups(user):
    return set(user.groups.values_list("name", flat=True))


def test_a_new_editor_sets_a_password_from_the_email_and_signs_in(db, settings):
    output = add_staff("Ada@Example.org", role="editor", first_name="Ada")
    assert "Added Ada@Example.org as an editor." in output
    user = get_user_model().objects.get(email="Ada@Example.org")
    assert (user.username, user.first_name, user.is_superuser) == ("ada@example.org", "Ada", False)
    assert groups(user) == {"Editors"}
    assert not user.has_usable_password()

    [email] = mail.outbox
    assert email.to == ["Ada@Example.org"]
    assert "as an editor" in email.body
    link = re.search(r"https?://\S+/admin/password_reset/confirm/\S+/", email.body).group()
    assert link.startswith(settings.WAGTAILADMIN_BASE_URL)

    client = Client()
    form = client.get(link.removeprefix(settings.WAGTAILADMIN_BASE_URL), follow=True)
    assert form.status_code == 200
    password = "a-brand-new-long-password"
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(password)

    client = Client()
    client.get("/admin/login/")
    response = client.post(
        "/admin/login/", {"username": "ada@example.org", "password": password}, follow=True
    )
    # Their first sign-in goes on to setting up two-factor sign-in.
    assert response.redirect_chain[-1][0] == f"{ENROL}?next=/admin/"
    assert response.status_code == 200


def test_running_it_again_changes_the_role_and_sends_no_second_link_once_a_password_is_set(db):
    editor = staff_member("ben", "bens-long-password", "Editors")
    output = add_staff(editor.email, role="approver")
    assert "Updated ben@example.org as an approver." in output
    assert groups(editor) == {"Moderators"}
    assert editor.check_password("bens-long-password")
    assert mail.outbox == []


def test_someone_who_never_set_a_password_is_sent_a_fresh_link(db):
    add_staff("cat@example.org", role="approver")
    add_staff("cat@example.org", role="approver")
    assert [email.to for email in mail.outbox] == [["cat@example.org"], ["cat@example.org"]]
    assert groups(get_user_model().objects.get(email="cat@example.org")) == {"Moderators"}


def test_a_superuser_is_warned_they_skip_approval(db, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", "a-long-password")
    assert "superuser" in add_staff("root@example.org", role="editor")


@pytest.mark.parametrize(("address", "role"), [("not an address", "editor"), ("a@b.org", "boss")])
def test_a_wrong_address_or_role_is_refused(db, address, role):
    with pytest.raises(CommandError):
        add_staff(address, role=role)
    assert not get_user_model().objects.exists()
