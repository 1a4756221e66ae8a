"""What each role may do, asked of the real admin: every area, as an editor and as an approver.

An area is allowed when its page answers 200, refused when Wagtail sends the user back to
the dashboard ("Sorry, you do not have permission") or answers 403.
"""

import pytest
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from newsletter.models import Subscriber
from programme.models import ContentPage
from tests.two_factor import sign_in_to_admin

EDITOR, APPROVER = "editor", "approver"
BOTH, APPROVER_ONLY, NOBODY = {EDITOR, APPROVER}, {APPROVER}, set()


@pytest.fixture
def signed_in(request, client):
    """The test client signed in as the role the test is parametrised with."""
    sign_in_to_admin(client, request.getfixturevalue(f"{request.param}_account"))
    client.role = request.param
    return client


def allowed(response):
    if response.status_code == 200:
        return True
    assert (response.status_code, response.get("Location")) in {(302, "/admin/"), (403, None)}, (
        response.status_code,
        response.get("Location"),
    )
    return False


def about_page():
    """A live page two levels down: the demo's About page, under the home page."""
    return ContentPage.objects.live().get(slug="about")


def site_id():
    return Site.objects.get(is_default_site=True).pk


# (area, the address of its page, who may open it)
AREAS = [
    ("dashboard", lambda: "/admin/", BOTH),
    ("page explorer", lambda: f"/admin/pages/{about_page().get_parent().pk}/", BOTH),
    (
        "add a page under the home page",
        lambda: f"/admin/pages/add/programme/contentpage/{about_page().get_parent().pk}/",
        BOTH,
    ),
    ("edit a page", lambda: f"/admin/pages/{about_page().pk}/edit/", BOTH),
    ("unpublish a page", lambda: f"/admin/pages/{about_page().pk}/unpublish/", APPROVER_ONLY),
    ("delete a published page", lambda: f"/admin/pages/{about_page().pk}/delete/", APPROVER_ONLY),
    ("images", lambda: "/admin/images/", BOTH),
    ("upload an image", lambda: "/admin/images/add/", BOTH),
    ("documents", lambda: "/admin/documents/", BOTH),
    ("upload a document", lambda: "/admin/documents/add/", BOTH),
    (
        "site settings",
        lambda: f"/admin/settings/kindness/sitesettings/{site_id()}/",
        APPROVER_ONLY,
    ),
    (
        "newsletter settings",
        lambda: f"/admin/settings/newsletter/newslettersettings/{site_id()}/",
        APPROVER_ONLY,
    ),
    ("subscribers", lambda: "/admin/newsletter_subscribers/", APPROVER_ONLY),
    ("subscribers exported", lambda: "/admin/newsletter_subscribers/?export=csv", APPROVER_ONLY),
    ("downloads report", lambda: "/admin/reports/downloads/", APPROVER_ONLY),
    ("downloads exported", lambda: "/admin/reports/downloads/?export=csv", APPROVER_ONLY),
    ("redirects", lambda: "/admin/redirects/", APPROVER_ONLY),
    ("add a redirect", lambda: "/admin/redirects/add/", APPROVER_ONLY),
    ("promoted search results", lambda: "/admin/searchpicks/", APPROVER_ONLY),
    ("promote a search result", lambda: "/admin/searchpicks/add/", APPROVER_ONLY),
    # Only superusers manage accounts, sites and workflows.
    ("users", lambda: "/admin/users/", NOBODY),
    ("groups", lambda: "/admin/groups/", NOBODY),
    ("sites", lambda: "/admin/sites/", NOBODY),
    ("workflows", lambda: "/admin/workflows/list/", NOBODY),
]


@pytest.mark.parametrize("signed_in", [EDITOR, APPROVER], indirect=True)
@pytest.mark.parametrize(("area", "address", "who"), AREAS, ids=[area for area, *_ in AREAS])
def test_each_role_opens_the_areas_it_is_given_and_no_other(demo, signed_in, area, address, who):
    assert allowed(signed_in.get(address())) == (signed_in.role in who)


@pytest.mark.parametrize("signed_in", [EDITOR, APPROVER], indirect=True)
def test_only_an_approver_publishes(demo, signed_in):
    page = about_page()
    response = signed_in.post(
        f"/admin/pages/{page.pk}/edit/", edit_form(page, title="About us", action="publish")
    )
    assert response.status_code == 302
    page.refresh_from_db()
    # An editor's press of "publish" saves a draft: the live title stays as it was.
    assert (page.title == "About us") == (signed_in.role == APPROVER)
    assert page.has_unpublished_changes == (signed_in.role == EDITOR)


@pytest.mark.parametrize("signed_in", [EDITOR, APPROVER], indirect=True)
def test_only_an_approver_locks_a_page(demo, signed_in):
    page = about_page()
    signed_in.post(f"/admin/pages/{page.pk}/lock/")
    page.refresh_from_db()
    assert page.locked == (signed_in.role == APPROVER)


@pytest.mark.parametrize("signed_in", [EDITOR, APPROVER], indirect=True)
def test_only_an_approver_erases_a_subscriber(demo, signed_in):
    subscriber = Subscriber.objects.create(
        email="reader@example.org",
        consent_text="I agree.",
        consented_at=timezone.now(),
        source_path="/",
    )
    signed_in.post(f"/admin/newsletter_subscribers/delete/{subscriber.pk}/")
    assert Subscriber.objects.filter(pk=subscriber.pk).exists() == (signed_in.role == EDITOR)


@pytest.mark.parametrize("signed_in", [EDITOR, APPROVER], indirect=True)
def test_neither_role_edits_pages_outside_the_home_page(demo, signed_in):
    """The tree's root is above every site: nobody but a superuser adds a site's home there."""
    root = Page.get_first_root_node()
    assert not allowed(signed_in.get(f"/admin/pages/add/programme/homepage/{root.pk}/"))


def edit_form(page, *, title, action):
    """The content page's edit form as the admin posts it, with a new title."""
    return nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "introduction": page.introduction,
            "body": streamfield([("paragraph", rich_text("<p>What the programme is.</p>"))]),
            "show_in_footer": "on" if page.show_in_footer else "",
            f"action-{action}": action,
        }
    )
