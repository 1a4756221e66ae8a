"""A reader copies a page's address from "Share this page" and is told that it worked."""

from programme.models import StrandPage


def test_copy_link_puts_the_address_on_the_clipboard_and_announces_it(demo_site, new_page):
    strand = StrandPage.objects.live().first()
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(strand.url)

    share = page.get_by_role("region", name="Share this page")
    button = share.get_by_role("button", name="Copy link")
    assert button.is_visible()
    button.click()

    status = share.get_by_role("status")
    status.get_by_text("Link copied to the clipboard.").wait_for()
    assert status.is_visible()
    assert page.evaluate("navigator.clipboard.readText()") == strand.full_url


def test_without_javascript_only_the_plain_links_show(demo_site, new_page):
    strand = StrandPage.objects.live().first()
    page = new_page(java_script_enabled=False)
    page.goto(strand.url)
    share = page.get_by_role("region", name="Share this page")
    assert share.get_by_role("link", name="Share on LinkedIn").is_visible()
    assert share.get_by_role("button").count() == 0


def test_share_opens_the_devices_share_sheet_where_there_is_one(demo_site, new_page):
    strand = StrandPage.objects.live().first()
    page = new_page()
    # Desktop Chromium has no share sheet: stand one in that records what it was given.
    page.add_init_script("navigator.share = async (data) => { window.sharedWith = data; };")
    page.goto(strand.url)
    button = page.get_by_role("region", name="Share this page").get_by_role("button", name="Share…")
    button.click()
    page.wait_for_function("window.sharedWith !== undefined")
    assert page.evaluate("window.sharedWith") == {"title": strand.title, "url": strand.full_url}


def test_without_a_share_sheet_there_is_no_share_button(demo_site, page):
    strand = StrandPage.objects.live().first()
    # Whatever this Chromium offers, the reader's device here has no share sheet.
    page.add_init_script("delete Navigator.prototype.share;")
    page.goto(strand.url)
    assert page.evaluate("typeof navigator.share") == "undefined"
    share = page.get_by_role("region", name="Share this page")
    assert share.get_by_role("button", name="Share…").count() == 0
