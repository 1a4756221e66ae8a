"""The two roles staff sign in with, Wagtail's own Editors and Moderators groups, set up for
this site; and the approval every editor's change goes through.

- Editors add and edit pages under the home page and submit them for approval, and use
  images and documents. Nothing else: no publishing, no settings, no subscribers.
- Moderators (the approvers) can do all that, and publish, unpublish and lock pages, change
  the site's and the newsletter's settings, redirects and promoted search results, see the
  newsletter's subscribers, export them and erase one, send the newsletter, and read the
  downloads report.
- "Moderators approval", one Moderators task, covers every page: an editor's change is
  published only when an approver approves it.

`set_up_roles()` makes the database say exactly that, and changes nothing when it already
does; the migration `staff.0001` runs it, so every database, new or old, gets the same
roles. It takes an app registry, so the migration can hand it the models as they stood then.
"""

EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW = "Moderators approval"

# Page permissions, given on each site's home page and so on everything under it.
PAGE_PERMISSIONS = {
    EDITORS: {"add_page", "change_page"},
    MODERATORS: {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
}

# Model permissions, (app label, codename), beyond the images and documents both roles keep
# from Wagtail's own set-up (collection permissions on the root collection).
ADMIN_ACCESS = {("wagtailadmin", "access_admin")}
IMAGES_AND_DOCUMENTS = {
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtaildocs", "delete_document"),
}
MODEL_PERMISSIONS = {
    EDITORS: ADMIN_ACCESS | IMAGES_AND_DOCUMENTS,
    MODERATORS: ADMIN_ACCESS
    | IMAGES_AND_DOCUMENTS
    | {
        ("kindness", "change_sitesettings"),
        ("newsletter", "change_newslettersettings"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
        ("wagtailsearchpromotions", "add_searchpromotion"),
        ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
        # The listing and its export; deleting one is how an erasure request is met.
        ("newsletter", "view_subscriber"),
        ("newsletter", "delete_subscriber"),
        # Sending an issue to every subscriber; editors write issues but never send them.
        ("newsletter", "send_campaign"),
        ("publications", "view_downloadcount"),
    },
}
# In the root collection, and so in every collection.
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
}


def set_up_roles(apps):
    """Make the Editors and Moderators groups and the approval workflow what this module says."""
    create_missing_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Site = apps.get_model("wagtailcore", "Site")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
    for name, group in groups.items():
        group.permissions.set(permissions(apps, modelled(apps, MODEL_PERMISSIONS[name])))
        set_collection_permissions(apps, group)
    home_ids = set(Site.objects.values_list("root_page_id", flat=True))
    for group in groups.values():
        # Wagtail's own set-up gave them the tree's root; theirs is each site's home page.
        group.page_permissions.exclude(page_id__in=home_ids).delete()
    for home_id in home_ids:
        give_roles_the_home_page(apps, home_id)
    set_up_approval(apps, groups[MODERATORS])


def give_roles_the_home_page(apps, page_id):
    """Give both groups their page permissions on a site's home page (and so under it)."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for group in Group.objects.filter(name__in=PAGE_PERMISSIONS):
        wanted = permissions(apps, {("wagtailcore", code) for code in PAGE_PERMISSIONS[group.name]})
        existing = GroupPagePermission.objects.filter(group=group, page_id=page_id)
        existing.exclude(permission__in=wanted).delete()
        have = set(existing.values_list("permission_id", flat=True))
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page_id=page_id, permission=permission)
            for permission in wanted
            if permission.pk not in have
        )


def set_collection_permissions(apps, group):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    wanted = permissions(apps, COLLECTION_PERMISSIONS)
    existing = GroupCollectionPermission.objects.filter(group=group)
    existing.exclude(collection=root, permission__in=wanted).delete()
    have = set(existing.values_list("permission_id", flat=True))
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=root, permission=permission)
        for permission in wanted
        if permission.pk not in have
    )


def set_up_approval(apps, moderators):
    """One active workflow, on the tree's root and so every page, of one Moderators task."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    task = GroupApprovalTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=WORKFLOW, content_type=content_type)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    if set(task.groups.all()) != {moderators}:
        task.groups.set([moderators])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if list(WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True)) != [
        task.pk
    ]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    # Pages given a workflow of their own would escape this one.
    WorkflowPage.objects.exclude(workflow=workflow).delete()
    WorkflowPage.objects.exclude(page=root).delete()
    WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})


def modelled(apps, names):
    """The (app label, codename) pairs whose model exists at this point of the migrations
    (codenames name their model: "send_campaign"): an older migration running on a new
    database gives the roles what existed then, and a later one the rest."""
    Permission = apps.get_model("auth", "Permission")
    present = set()
    for app_label, codename in names:
        try:
            apps.get_model(app_label, codename.split("_", 1)[1])
        except LookupError:
            # Or a permission with no model of its own (Wagtail's "access_admin").
            if not Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).exists():
                continue
        present.add((app_label, codename))
    return present


def permissions(apps, names):
    """The Permission rows for (app label, codename) pairs; all of them, or an error."""
    Permission = apps.get_model("auth", "Permission")
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _, codename in names}
        )
    }
    missing = set(names) - set(found)
    if missing:
        raise LookupError(f"Permissions missing from the database: {sorted(missing)}")
    return [found[name] for name in sorted(names)]


def create_missing_permissions(apps):
    """Django creates models' permissions after all migrations ran; on a new database they
    are not there yet when the migration asks for them."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # A migration's app configs have no models module, which create_permissions wants.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module
