"""Fixtures every test folder shares.

The test database is built once per run: migrations, then the demo content, loaded by the
`django_db_setup` below. Each test runs in a transaction on top of it that is rolled back,
so a test that only reads the demo content (the `demo` fixture) pays nothing for it, and a
test that changes it leaves it as it was for the next one. Tests that build their own pages
with factories start from `home`, which removes the demo's pages inside its transaction
(on Postgres by removing the rows that removal was recorded to change: tests/snapshots.py).

Browser tests are transactional (the live server's thread must see committed rows), and so
are a few others: Django empties the database after each one and restores, before the next,
what was saved after set-up (every transactional test here has serialized rollback, see
below): on Postgres a copy of the tables, put back in SQL (tests/snapshots.py), elsewhere
Django's JSON dump. Either is taken after the demo content is loaded, so every transactional
test starts from the demo site too. pytest-django runs transactional tests after all others, so
none of the others sees the emptied database.
"""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from wagtail.models import Page, Site

from programme.models import HomePage
from tests import snapshots
from tests.people.factories import PeopleIndexPageFactory
from tests.programme.factories import HomePageFactory, StrandIndexPageFactory
from tests.publications.factories import PublicationIndexPageFactory
from tests.servers import run_worker
from tests.tools import tool_missing
from tests.two_factor import give_authenticator, sign_in_to_admin

# pytest-django's `django_db` marker, its arguments in order.
DJANGO_DB_ARGUMENTS = ["transaction", "reset_sequences", "databases", "serialized_rollback"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Every transactional test starts from the demo site, whichever ran before it.

    Django empties the database after a transactional test; without the snapshot restored
    (serialized rollback) the next transactional test would find no demo content, not even
    Wagtail's root page and collection.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None:
            continue
        arguments = dict(zip(DJANGO_DB_ARGUMENTS, marker.args, strict=False)) | marker.kwargs
        if arguments.get("transaction") and not arguments.get("serialized_rollback"):
            item.add_marker(
                pytest.mark.django_db(**arguments | {"serialized_rollback": True}), append=False
            )


# Test modules whose tests share an expensive fixture of a wider scope than the test: the
# content grown (module-scoped: tests/quality/test_html_growth.py's `sizes`, its
# test_query_counts.py's `at_demo_size`) and the static files collected (the session's
# `collected_static_root`, tests/quality/conftest.py). Under xdist each module of a group
# runs on one worker, which builds the fixture once, where load-balancing test by test
# would build it on every worker.
SHARED_FIXTURE_GROUPS = {
    "tests/quality/test_html_growth.py": "content grown to --scale 7 and 14",
    "tests/quality/test_query_counts.py": "content grown to --scale 3",
    "tests/quality/test_cache_headers.py": "static files collected",
    "tests/quality/test_compression.py": "static files collected",
    "tests/quality/test_page_weight.py": "static files collected",
}


def pytest_xdist_make_scheduler(config, log):
    """xdist's `load` (what `-n` uses), test by test in the collected order, except that the
    tests of one of SHARED_FIXTURE_GROUPS go to one worker together.

    xdist's own `--dist loadgroup` would do this from a marker, but xdist 3.8 marks the group
    by renaming each test's node id, which pytest 9 no longer lets a plugin do. The groups
    are sent first (xdist sends larger units first); the other tests keep pytest-django's
    order (transactional tests after the others), as under `load`.
    """
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return SHARED_FIXTURE_GROUPS.get(nodeid.split("::", 1)[0], nodeid)

    return SharedFixtureScheduling(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test marked `postgres` is skipped on another database, loudly, and fails instead
    under REQUIRE_POSTGRES (as `.ci/run` sets): CI never passes on tests it did not run."""
    marker = item.get_closest_marker("postgres")
    if marker and connection.vendor != "postgresql":
        tool_missing(
            f"POSTGRES TEST NOT RUN: it needs Postgres, {marker.kwargs['reason']}. Set "
            "DATABASE_URL=postgres://... (README, Tests).",
            required_by=("REQUIRE_POSTGRES",),
        )


def remove_demo_pages():
    """Every page but Wagtail's root goes. Marked not live first: deleting a live page
    unpublishes it (and logs that) one page at a time, which this does not need."""
    Page.objects.filter(depth__gt=1).update(live=False)
    Page.objects.filter(depth=2).delete()


def make_demo_renditions():
    """Show every live page of the demo once, as a site that has been up a while has: the
    pictures' renditions are made now, once for the run, and saved with the demo content.

    Otherwise every test that shows demo pages makes them again (the test's transaction,
    or the flush after a transactional test, takes them away): about 10 s of encoding each
    time the checks visit every page. Showing a page changes nothing else in the database.
    Tests that check how renditions are made build images of their own.
    """
    from tests.browser.pages import every_live_page, not_found

    client = Client()
    for site_page in [*every_live_page(), not_found()]:
        status = client.get(site_page.path).status_code
        assert status == site_page.status, f"{site_page}: {status}"
    cache.clear()


# What removing the demo's pages changed, recorded once (Postgres, tests/snapshots.py).
DEMO_PAGES_REMOVED = snapshots.Changes()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The migrated test database, with the demo content loaded once for the whole run."""
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        call_command("load_demo_content", stdout=StringIO())
        # What the documents worker beside the site does next (`make run`): the PDFs made
        # from the reports' text, which are the demo's only downloads.
        run_worker("documents")
        make_demo_renditions()
        copied = snapshots.supported(connection)
        if copied:
            snapshots.save_demo(connection)
            DEMO_PAGES_REMOVED.record(connection, remove_demo_pages)
            creation = type(connection.creation)
            patch.setattr(
                creation,
                "deserialize_db_from_string",
                snapshots.restore_from_snapshot(creation.deserialize_db_from_string),
            )
            operations = type(connection.ops)
            patch.setattr(
                operations,
                "sql_flush",
                snapshots.delete_instead_of_truncate(operations.sql_flush),
            )
        # Only when a transactional test asked for it (pytest-django decides).
        if hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = (
                snapshots.SNAPSHOT_MARKER
                if copied
                else connection.creation.serialize_db_to_string()
            )
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no rate limit used up by an earlier test, and
    no rendition Wagtail cached by an image id that a rolled-back test has since reused."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo site as the session set-up loaded it: its landing page."""
    return HomePage.objects.get()


# The accounts tests sign in as, one per role (staff/roles.py): an editor writes and submits
# for approval; an approver (in the Moderators group) also publishes, and looks after the
# settings, subscribers and reports; a superuser may do anything, for what only Wagtail's
# superusers see.
EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "an-editors-long-password"
APPROVER_USERNAME = "approver"
APPROVER_PASSWORD = "an-approvers-long-password"


def staff_member(username, password, group):
    """An active account in one of the roles' groups, with an email address to notify."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@example.org", password)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor_account(db):
    """An editor (the Editors group) with an authenticator app, not signed in: for tests
    that sign in with the password and a code (tests/two_factor.py)."""
    account = staff_member(EDITOR_USERNAME, EDITOR_PASSWORD, "Editors")
    give_authenticator(account)
    return account


@pytest.fixture
def approver_account(db):
    """An approver (the Moderators group) with an authenticator app, not signed in."""
    account = staff_member(APPROVER_USERNAME, APPROVER_PASSWORD, "Moderators")
    give_authenticator(account)
    return account


@pytest.fixture
def superuser_account(db, django_user_model):
    """A superuser, for what Wagtail shows superusers alone (Settings > Users, Search terms)."""
    return django_user_model.objects.create_superuser(
        "administrator", "administrator@example.org", "an-administrators-long-password"
    )


@pytest.fixture
def editor(client, editor_account):
    """The test client, signed in as an editor, with both factors."""
    return sign_in_to_admin(client, editor_account)


@pytest.fixture
def approver(client, approver_account):
    """The test client, signed in as an approver, with both factors."""
    return sign_in_to_admin(client, approver_account)


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's, signed in with both factors, as the admin asks of everyone."""
    return sign_in_to_admin(Client(), admin_user)


@pytest.fixture
def home(db):
    """A landing page at the root of the default site, as the demo loader leaves it."""
    # The demo's pages go, inside this test's transaction.
    if snapshots.supported(connection):
        with transaction.atomic():
            DEMO_PAGES_REMOVED.apply(connection)
    else:
        remove_demo_pages()
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Kinder Communities",
        },
    )
    return home


# The site's sections, each directly under the landing page as in the demo content.
@pytest.fixture
def strand_index(home):
    return StrandIndexPageFactory(parent=home)


@pytest.fixture
def people_index(home):
    return PeopleIndexPageFactory(parent=home)


@pytest.fixture
def library(home):
    return PublicationIndexPageFactory(parent=home)


@pytest.fixture
def smtp_server():
    """A real local SMTP server, refusing mail until `accepting` is set; every email the site
    sends is queued (the site's own EMAIL_BACKEND) and the worker sends it there."""
    from django.test import override_settings

    from kindness import settings as site_settings
    from tests.servers import FlakySMTPServer

    server = FlakySMTPServer()
    server.controller.start()
    with override_settings(
        # The site's own, which Django's test runner swaps for its outbox.
        EMAIL_BACKEND=site_settings.EMAIL_BACKEND,
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=server.port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_RETRY_DELAYS=[600, 600],
        NEWSLETTER_RETRY_DELAYS=[600, 600],
    ):
        yield server
    server.controller.stop()
