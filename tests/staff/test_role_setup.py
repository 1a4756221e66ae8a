"""The roles' set-up (the migration staff.0001): what it leaves in the database, that running
it again changes nothing, and that it mends an older database as Wagtail's defaults left it."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from programme.models import HomePage
from staff.roles import set_up_roles


def roles():
    """Everything the set-up decides, as plain values to compare."""
    return {
        "permissions": {
            (group, app, codename)
            for group, app, codename in Permission.objects.filter(
                group__name__in=["Editors", "Moderators"]
            ).values_list("group__name", "content_type__app_label", "codename")
        },
        "pages": set(
            GroupPagePermission.objects.values_list(
                "group__name", "page_id", "permission__codename"
            )
        ),
        "collections": set(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection__depth", "permission__codename"
            )
        ),
        "workflows": set(
            WorkflowPage.objects.values_list("page_id", "workflow__name", "workflow__active")
        ),
        "tasks": {
            (task.name, task.active, *task.groups.values_list("name", flat=True))
            for workflow in Workflow.objects.all()
            for task in workflow.tasks.specific()
        },
    }


def page_permissions(group, page):
    return set(
        GroupPagePermission.objects.filter(group__name=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_the_roles_are_as_the_issue_lists_them(demo):
    home = Site.objects.get(is_default_site=True).root_page
    assert page_permissions("Editors", home) == {"add_page", "change_page"}
    assert page_permissions("Moderators", home) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    # Nowhere else: not the tree's root, where Wagtail put them.
    assert set(GroupPagePermission.objects.values_list("page_id", flat=True)) == {home.pk}
    given = roles()["permissions"]
    moderators = {(app, code) for group, app, code in given if group == "Moderators"}
    editors = {(app, code) for group, app, code in given if group == "Editors"}
    assert moderators - editors == {
        ("kindness", "change_sitesettings"),
        ("newsletter", "change_newslettersettings"),
        ("newsletter", "view_subscriber"),
        ("newsletter", "delete_subscriber"),
        ("newsletter", "send_campaign"),
        ("publications", "view_downloadcount"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
        ("wagtailsearchpromotions", "add_searchpromotion"),
        ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
    }
    assert editors <= moderators


def test_one_approval_task_for_moderators_covers_every_page(demo):
    workflow = Workflow.objects.get(name="Moderators approval")
    [task] = workflow.tasks.specific()
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    for page in (demo, *Page.objects.descendant_of(demo)[:50]):
        assert page.get_workflow() == workflow, page


def test_running_it_again_changes_nothing(demo):
    before = roles()
    set_up_roles(apps)
    set_up_roles(apps)
    assert roles() == before


def test_it_mends_a_database_as_wagtails_defaults_left_it(demo):
    expected = roles()
    # What Wagtail's own migrations leave: page permissions on the tree's root, Moderators
    # with images and documents only; here also a workflow an administrator switched off
    # and given to one section, and an editor who was once allowed to publish.
    root = Page.get_first_root_node()
    GroupPagePermission.objects.all().delete()
    for name, codes in (
        ("Editors", ["add_page", "change_page", "publish_page"]),
        ("Moderators", ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]),
    ):
        for code in codes:
            GroupPagePermission.objects.create(
                group=Group.objects.get(name=name), page=root, permission_type=code.split("_")[0]
            )
    moderators = Group.objects.get(name="Moderators")
    moderators.permissions.remove(
        *moderators.permissions.exclude(
            content_type__app_label__in=["wagtailadmin", "wagtailimages", "wagtaildocs"]
        )
    )
    Workflow.objects.update(active=False)
    library = Page.objects.get(url_path="/home/library/")
    WorkflowPage.objects.create(
        page=library, workflow=Workflow.objects.create(name="Another", active=True)
    )
    assert roles() != expected

    set_up_roles(apps)
    assert roles() == expected


def test_a_new_home_page_gets_the_roles_and_a_new_address_leaves_them_be(demo):
    site = Site.objects.get(is_default_site=True)
    old_home = site.root_page
    new_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="A new home", slug="new-home", introduction="Welcome.")
    )
    site.root_page = new_home
    site.save()
    assert page_permissions("Editors", new_home) == {"add_page", "change_page"}
    assert "publish_page" in page_permissions("Moderators", new_home)

    # An administrator takes the editors' permissions away; saving the site for its
    # address (as every release does) does not give them back.
    GroupPagePermission.objects.filter(group__name="Editors").delete()
    site.hostname = "kindercommunities.example.org"
    site.save()
    assert page_permissions("Editors", new_home) == set()
    assert page_permissions("Editors", old_home) == set()
