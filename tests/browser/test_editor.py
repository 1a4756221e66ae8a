"""An approver (who may publish) signs in to the Wagtail admin, uploads a report, publishes a
publication with it, and sees it on the site and in the library."""

from tests.browser.pages import first_live
from tests.conftest import APPROVER_PASSWORD, APPROVER_USERNAME
from tests.two_factor import sign_in_in_browser

REPORT = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_approver_publishes_a_publication_with_a_pdf_and_readers_find_it(
    demo_site, approver_account, page, tmp_path
):
    library = first_live("publications.PublicationIndexPage")
    report = tmp_path / "editors-report.pdf"
    report.write_bytes(REPORT)

    sign_in_in_browser(
        page, APPROVER_USERNAME, APPROVER_PASSWORD, approver_account.totpdevice_set.get()
    )

    page.goto("/admin/documents/add/")
    page.get_by_label("Title").first.fill("The editor's report")
    page.set_input_files("input[type=file]", report)
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/admin/documents/")

    page.goto(f"/admin/pages/add/publications/publicationpage/{library.pk}/")
    page.locator("#id_title").fill("What an editor published")
    page.locator("#id_publication_type").select_option("report")
    page.locator("#id_date").fill("2024-05-01")
    page.locator("#id_summary").fill("A report published from the admin in a real browser.")
    page.get_by_role("button", name="Add Download").click()
    page.locator("#id_downloads-0-title").fill("Full report")
    page.get_by_role("button", name="Choose a document").first.click()
    page.get_by_role("link", name="The editor's report").click()
    page.locator("footer button[data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url(f"**/admin/pages/{library.pk}/")

    page.goto(library.url)
    page.get_by_role("link", name="What an editor published").click()
    page.wait_for_url("**/what-an-editor-published/")
    assert page.locator("h1").inner_text() == "What an editor published"
    download = page.get_by_role("link", name="Full report")
    # Through the download counter, which redirects to the file (followed here).
    assert download.get_attribute("href").endswith("/what-an-editor-published/download/1/")
    response = page.request.get(download.get_attribute("href"))
    assert response.ok
    assert response.body() == REPORT
