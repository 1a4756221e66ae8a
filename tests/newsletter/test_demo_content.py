from django.core.management import call_command
from wagtail.models import Site

from newsletter.models import NewsletterSettings
from tests.html import soup


def test_the_demo_footer_links_the_consent_box_to_the_privacy_notice(demo, client):
    page = soup(client.get("/"))
    hint = page.select_one("#footer-newsletter-consent-hint")
    assert hint.a["href"] == "/privacy/"
    assert client.get(hint.a["href"]).status_code == 200


def test_an_editors_choice_of_privacy_page_is_kept(demo, client):

    site = Site.objects.get(is_default_site=True)
    settings = NewsletterSettings.for_site(site)
    settings.privacy_page = site.root_page
    settings.save()
    call_command("load_demo_content", verbosity=0)
    assert NewsletterSettings.for_site(site).privacy_page_id == site.root_page.pk
