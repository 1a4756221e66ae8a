"""Steps through Wagtail's own admin, in a Playwright page, for browser journeys: what an
editor or an approver clicks, named for what they mean to do.

Wagtail's admin saves a draft by itself as the person types (autosave, a background request
that asks for JSON). One of those in flight when a form is submitted is refused with a 400
("Saving will overwrite a newer version"): the submit made a newer revision, so the older
autosave must not overwrite it. That refusal is Wagtail doing its job, not the submit
failing, so these steps wait for the submit's own navigation and never for "a response".

On the "add page" form a race is worse. The first autosave creates the page; a submit (or
a second autosave) sent before the form has become that page's edit form creates it again,
and fails with a server error ("The slug ... is already in use"): Wagtail 8's own, not this
site's. Leaving a field to open the footer menu is a change that starts that autosave, so a
quick click on "Submit" races it. A person pauses before they submit; the steps below wait,
as they do, for the autosave to finish first (`let_autosave_finish`).
"""

import email
import email.policy
from pathlib import Path

# Wagtail's own text for the one workflow the site has (staff/roles.py).
WORKFLOW = "Moderators approval"


def upload_document(page, title, path):
    """Documents > Add a document: one file, with its title."""
    page.goto("/admin/documents/add/")
    page.get_by_label("Title").first.fill(title)
    page.set_input_files("input[type=file]", path)
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/admin/documents/")


def insert_block(page, stream, block_name, nth=0):
    """The stream's `nth` "Insert a block" button, then the block from the picker."""
    stream.get_by_role("button", name="Insert a block").nth(nth).click()
    page.get_by_role("option", name=block_name, exact=True).click()


def fill_chart(page, prefix, *, title, description, csv_text, source):
    """A chart block's fields; `prefix` is its form prefix ("report-0-value-content-0")."""
    page.locator(f"#{prefix}-value-title").fill(title)
    page.locator(f"#{prefix}-value-description").fill(description)
    page.locator(f"#{prefix}-value-data").fill(csv_text)
    page.locator(f"#{prefix}-value-source").fill(source)


def choose_document_for_download(page, index, label, document_title):
    """Downloads > Add Download: its label and a document from the chooser."""
    page.get_by_role("button", name="Add Download").click()
    page.locator(f"#id_downloads-{index}-title").fill(label)
    page.get_by_role("button", name="Choose a document").nth(index).click()
    page.get_by_role("link", name=document_title).click()


# Wagtail's default WAGTAIL_AUTOSAVE_INTERVAL: how long after a change it saves, in ms.
AUTOSAVE_INTERVAL = 500


def let_autosave_finish(page):
    """Until the autosave of the last change, if any, has been answered; on the "add page"
    form, until that autosave has created the page and made the form its edit form."""
    # A field's change counts once the field loses focus, as when the person moves on.
    page.evaluate("document.activeElement?.blur()")
    page.wait_for_timeout(AUTOSAVE_INTERVAL + 250)
    page.locator("#w-autosave-indicator:not([data-w-autosave-state-value=saving])").wait_for(
        state="attached"
    )
    if "/admin/pages/add/" in page.url:
        page.wait_for_function(
            "document.querySelector('form[data-edit-form]').action.includes('/edit/')"
        )


def footer_action(page, name):
    """One of the actions in the edit form's footer menu ("Submit to ...", "Approve and
    Publish"), then the page the admin goes on to."""
    let_autosave_finish(page)
    page.locator("footer button[data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name=name, exact=True).click()


def awaiting_review(page, title):
    """The dashboard's "Awaiting your review" row for the page with this title."""
    page.goto("/admin/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Awaiting your review"))
    return panel.get_by_role("row", name=title)


def scheduled(page, title):
    """The dashboard's "Scheduled pages" row for the page with this title (staff app)."""
    page.goto("/admin/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Scheduled pages"))
    return panel.get_by_role("row", name=title)


def row_action(row, name, role="button"):
    """One of a dashboard row's actions, from its "Actions" menu."""
    row.get_by_role("button", name="Actions").click()
    return row.get_by_role(role, name=name, exact=True)


def open_preview(page, row):
    """The approver's preview of a page awaiting review (it opens in a new tab)."""
    with page.context.expect_page() as opened:
        row_action(row, "Preview", role="link").click()
    preview = opened.value
    preview.wait_for_load_state()
    return preview


def userbar_item(preview, name):
    """An item of the preview's userbar (Wagtail's quick actions), its menu opened."""
    preview.get_by_role("button", name="View Wagtail quick actions").click()
    return preview.get_by_role("menuitem", name=name)


def request_changes(page, row, comment):
    """The row's "Request changes", with a comment for the editor."""
    row_action(row, "Request changes").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Comment").fill(comment)
    with page.expect_navigation():
        dialog.get_by_role("button", name="Request changes").click()


def set_go_live(page, when):
    """The edit view's status panel: Set schedule, a go-live time, Save schedule (which
    saves the draft with it)."""
    page.get_by_role("button", name="Status").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.get_by_role("dialog", name="Set publishing schedule")
    # The date-time picker's own format (Wagtail's, without seconds).
    dialog.get_by_label("Go live date/time").fill(when.strftime("%Y-%m-%d %H:%M"))
    # The calendar that opens beside the field covers the button until one clicks elsewhere.
    calendar = page.locator(".xdsoft_datetimepicker:visible")
    calendar.wait_for()
    dialog.get_by_role("heading", name="Set publishing schedule").click()
    calendar.wait_for(state="hidden")
    let_autosave_finish(page)
    with page.expect_navigation():
        dialog.get_by_role("button", name="Save schedule").click()


class MailDirectory:
    """The emails Django's file backend writes to a directory (var/mail/ in development),
    parsed, each read once: `new()` is what arrived since the last call."""

    SEPARATOR = b"\n" + b"-" * 79 + b"\n"

    def __init__(self, directory):
        self.directory = Path(directory)
        self.seen = set()

    def new(self):
        messages = []
        for path in sorted(self.directory.glob("*.log")):
            if path in self.seen:
                continue
            self.seen.add(path)
            for raw in path.read_bytes().split(self.SEPARATOR):
                if raw.strip():
                    messages.append(email.message_from_bytes(raw, policy=email.policy.default))
        return messages
