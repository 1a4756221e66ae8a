"""The migrations that retire the separate alt text and share fields keep what editors wrote.

The database (with the demo content the run loaded) is taken back to before them, filled as
the old fields held it, and migrated forward again.
"""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from wagtail.images.models import Image

from kindness.models import SiteSettings
from people.models import PeopleIndexPage
from programme.models import HomePage

# The migrations under test, by app; the database goes back to just before each.
MIGRATIONS = {
    "kindness": "alt_text_is_the_image_description",
    "people": "share_fields_into_seo_fields_alt_text_into_images",
    "programme": "share_fields_into_seo_fields_alt_text_into_images",
    "publications": "share_fields_into_seo_fields_alt_text_into_images",
}


def before_them():
    graph = MigrationLoader(connection).graph
    targets = []
    for app, suffix in MIGRATIONS.items():
        [key] = [key for key in graph.nodes if key[0] == app and key[1].endswith(suffix)]
        [parent] = [parent for parent in graph.node_map[key].parents if parent.key[0] == app]
        targets.append(parent.key)
    return targets


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def old_page(apps, model, path, **fields):
    """A page row as the old schema holds it, under the tree's root."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )
    slug = path[-4:]
    locale = apps.get_model("wagtailcore", "Locale").objects.first()
    return model.objects.create(
        locale=locale,
        path=path,
        depth=2,
        numchild=0,
        title=fields.pop("title"),
        draft_title="",
        slug=slug,
        url_path=f"/{slug}/",
        content_type=content_type,
        live=True,
        **fields,
    )


@pytest.mark.django_db(transaction=True)
def test_alt_text_and_share_words_move_to_the_image_and_wagtails_own_fields():
    old = migrate(before_them())
    OldImage = old.get_model("wagtailimages", "Image")
    described = OldImage.objects.create(
        title="lunch", file="original_images/lunch.jpg", width=10, height=10, description=""
    )
    already = OldImage.objects.create(
        title="garden",
        file="original_images/garden.jpg",
        width=10,
        height=10,
        description="Raised beds behind the community centre",
    )
    OldSite = old.get_model("wagtailcore", "Site")
    OldSettings = old.get_model("kindness", "SiteSettings")
    site = OldSite.objects.get(is_default_site=True)
    OldSettings.objects.update_or_create(
        site=site,
        defaults={
            "default_share_image": described,
            "default_share_image_alt_text": "Volunteers sharing lunch",
        },
    )
    people = old_page(
        old,
        old.get_model("people", "PeopleIndexPage"),
        "00010091",
        title="People",
        share_title="The people behind the programme",
        share_description="Staff, associates and fellows.",
        share_image=already,
        share_image_alt_text="Words an editor typed for this one use",
    )
    OldRevision = old.get_model("wagtailcore", "Revision")
    draft = OldRevision.objects.create(
        content_type_id=people.content_type_id,
        base_content_type_id=people.content_type_id,
        object_id=str(people.pk),
        object_str="People",
        created_at=timezone.now(),
        content={"title": "People", "seo_title": "", "share_title": "A draft's share title"},
    )
    people.latest_revision_id = draft.pk
    people.save()
    body = [
        {
            "type": "image",
            "id": "a1",
            "value": {
                "image": already.pk,
                "alt_text": "Carrots in a raised bed",
                "caption": "June",
            },
        }
    ]
    home = old_page(
        old,
        old.get_model("programme", "HomePage"),
        "00010092",
        title="Home",
        seo_title="Kept: an editor's own SEO title",
        share_title="Dropped: a share title where an SEO title exists",
        body=json.dumps(body),
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    settings = SiteSettings.objects.get(site_id=site.pk)
    assert settings.default_share_image.description == "Volunteers sharing lunch"
    # An image that already had a description keeps it.
    assert Image.objects.get(pk=already.pk).description == "Raised beds behind the community centre"

    people = PeopleIndexPage.objects.get(pk=people.pk)
    assert people.seo_title == "The people behind the programme"
    assert people.search_description == "Staff, associates and fellows."
    assert people.share_image_id == already.pk
    assert people.latest_revision.content["seo_title"] == "A draft's share title"

    home = HomePage.objects.get(pk=home.pk)
    assert home.seo_title == "Kept: an editor's own SEO title"
    [figure] = home.body
    assert figure.block_type == "image"
    assert figure.value["image"].pk == already.pk
    assert figure.value["image"].contextual_alt_text == "Carrots in a raised bed"
    assert not figure.value["image"].decorative
    assert figure.value["caption"] == "June"
