"""The newsletter's demo content: its settings point the consent tick box at the privacy notice."""

from wagtail.models import Page, Site

from newsletter.models import NewsletterSettings

PRIVACY_SLUG = "privacy"


def link():
    """Link the privacy notice the programme app made, unless an editor chose a page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    settings = NewsletterSettings.for_site(site)
    if settings.privacy_page_id:
        return
    notice = Page.objects.child_of(site.root_page).filter(slug=PRIVACY_SLUG).live().first()
    if notice is not None:
        settings.privacy_page = notice
        settings.save()
