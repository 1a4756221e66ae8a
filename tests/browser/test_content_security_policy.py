"""In a real browser, the strict policy blocks nothing a page needs, and the admin works.

Chromium reports each thing the Content Security Policy blocks as a console error; no page
type, no film player and no admin screen may cause one. Part of the security checks
(tests/quality), kept here to share the one Chromium of this folder's harness.
"""

from urllib.parse import urlsplit

from playwright.sync_api import expect
from wagtail.models import Page

from publications.models import FilmPage
from tests.conftest import EDITOR_PASSWORD, EDITOR_USERNAME
from tests.quality.conftest import public_pages
from tests.two_factor import sign_in_in_browser


def csp_errors(tab):
    """Start recording what the policy blocks in this browser tab."""
    errors = []
    tab.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return errors


def test_no_page_breaks_the_policy(demo_site, page, client):
    errors = csp_errors(page)
    for _label, path, _status in public_pages():
        # Chromium reports a blocked script, style or picture while it parses and loads the
        # page, so "load" is soon enough (and far quicker than waiting for the network to idle).
        page.goto(path, wait_until="load")
    assert not errors


def test_the_film_player_loads_under_the_policy(demo_site, page, live_server):
    film = FilmPage.objects.get(slug="the-practice-of-kindness-film")
    film.video_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    # A film with a video cannot be published without its transcript.
    film.transcript = "<p>What the film says, for those who cannot watch it.</p>"
    film.save_revision().publish()
    own_host = urlsplit(live_server.url).netloc

    def handle(route):
        # No network here: the player's host answers with a stub.
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            route.fulfill(status=200, content_type="text/html", body="<title>Player</title>")

    page.context.route("**/*", handle)
    errors = csp_errors(page)
    page.goto(film.url)
    page.locator(".video-facade__play").click()
    frame = page.locator("iframe.video-facade__player")
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    page.wait_for_load_state("networkidle")
    assert not errors


def test_an_editor_signs_in_edits_and_previews_under_the_admin_policy(
    demo_site,
    page,
    editor_account,
):
    library = Page.objects.get(url_path="/home/library/")
    errors = csp_errors(page)

    sign_in_in_browser(page, EDITOR_USERNAME, EDITOR_PASSWORD, editor_account.totpdevice_set.get())
    assert page.locator("h1").first.is_visible()

    page.goto(f"/admin/pages/{library.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The editor's scripts ran: the title field is in the form and the preview panel opens.
    assert page.locator("#id_title").input_value() == library.title
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1").wait_for()
    assert preview.locator("h1").inner_text() == library.title

    # Signed in, the public pages carry Wagtail's userbar, which must work under them too.
    page.goto(library.url)
    page.locator("#wagtail-userbar-trigger").click()
    expect(page.get_by_role("menuitem").first).to_be_visible()
    assert not errors
