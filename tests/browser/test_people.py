"""A reader finds whom to speak to on the landing page and reaches them."""

from people.models import PersonPage
from tests.browser.conftest import PHONE


def test_reader_goes_from_the_speak_to_contact_to_their_page_and_email(demo_site, new_page):
    # The demo knows no email address; an editor has since added one.
    jennifer = PersonPage.objects.get(slug="jennifer-wallace")
    jennifer.email = "jennifer.wallace@example.org"
    jennifer.save_revision().publish()

    page = new_page(**PHONE)
    page.goto("/")
    speak_to = page.get_by_role("region", name="Speak to")
    email = speak_to.get_by_role("link", name="Email Jennifer Wallace")
    assert email.get_attribute("href") == "mailto:jennifer.wallace@example.org"

    speak_to.get_by_role("link", name="Jennifer Wallace", exact=True).click()
    page.wait_for_url("**/people/jennifer-wallace/")
    assert page.get_by_role("heading", level=1).inner_text() == "Jennifer Wallace"

    email = page.get_by_role("main").get_by_role("link", name="Email Jennifer Wallace")
    assert email.get_attribute("href") == "mailto:jennifer.wallace@example.org"
    assert email.is_visible()
    vcard = page.get_by_role("link", name="Save Jennifer Wallace to your contacts (vCard)")
    with page.expect_download() as download:
        vcard.click()
    assert download.value.suggested_filename == "jennifer-wallace.vcf"
