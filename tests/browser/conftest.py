"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test in this folder is marked ``browser`` and runs against a real, committed
database (``transaction=True``), so the live server's thread sees what the test created.
Without Chromium the tests are skipped with a loud reason; with ``REQUIRE_BROWSER=1``
(as ``.ci/run`` sets) a missing browser fails the run instead.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

from tests.newsletter.campaigns import scripted_smtp  # noqa: F401 (a fixture, for journeys)
from tests.tools import tool_missing

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
# The Chromium already running, if any: a test module elsewhere that imports the `browser`
# fixture gets a second fixture of its own, and a second Playwright cannot start inside the
# first one's event loop. Both share this one.
_running = []
DESKTOP = {"width": 1280, "height": 900}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    if _running:
        yield _running[0]
        return
    if not CHROMIUM.exists():
        message = (
            f"BROWSER TESTS NOT RUN: no Chromium at {CHROMIUM}. "
            "Install it with `apt-get install -y chromium` (make test tries to)."
        )
        tool_missing(message)
    from playwright.sync_api import sync_playwright

    # Once Playwright's loop runs in this thread, Django looks its connections up per
    # context, not per thread: new connection objects that lack the database contents
    # serialized after migrations, which every browser test restores (Wagtail's root page,
    # collections and groups). Hand those contents over to the new connections.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright, pytest.MonkeyPatch.context() as env:
        # Playwright's loop runs in the test's thread, and Django refuses ORM calls from
        # such a thread unless told that it is safe. Here it is: the loop only drives
        # the browser.
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        _running.append(chromium)
        yield chromium
        _running.remove(chromium)
        chromium.close()


@pytest.fixture
def demo_site(demo):
    """The demo content, committed so that the live server can serve it.

    Loaded once for the run; Django restores it before each test here (serialized
    rollback), so a test may change it freely.
    """
    return demo


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts: ``new_page(width=390)``; all closed afterwards."""
    contexts = []

    def open_page(*, width=DESKTOP["width"], height=DESKTOP["height"], **options):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}, **options
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    # The live server's thread may still hold a connection; Postgres cannot flush the
    # tables after the test while it does.
    connections.close_all()


@pytest.fixture
def page(new_page):
    """A desktop-width page in a fresh browser context."""
    return new_page()
