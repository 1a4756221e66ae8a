"""The newsletter's demo content: the archive with one past issue, written from the
programme's brief and facts (nothing in it invented), and its settings pointing the
consent tick box at the privacy notice."""

from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from kindness.demo import (
    GENERATED_NOTE,
    GENERATED_PREFIX,
    child_page,
    generated_numbers,
    generated_slug,
    home,
)
from newsletter.models import NewsletterIndexPage, NewsletterIssuePage, NewsletterSettings
from newsletter.sending.demo import record_past_issue_sent
from people.models import PersonPage
from publications.models import LibraryItemPage

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


ARCHIVE_SLUG = "newsletter-archive"
ISSUE_SLUG = "the-courage-to-be-kind-and-north-ayrshire"
GENERATED_ISSUE_SLUG = "generated-issue"
SPEAK_TO = ["jennifer-wallace", "ben-thurman"]
FILM_POSTER = "Poster: The Practice of Kindness (short film)"


def load():
    """The archive and its one past issue, unless they are there (or an editor moved them)."""
    site_home = home()
    if site_home is None:
        return
    archive, _ = child_page(
        site_home,
        NewsletterIndexPage,
        ARCHIVE_SLUG,
        title="Newsletter archive",
        introduction="Every issue of the Kinder Communities newsletter, newest first. Sign "
        "up to get the next one by email.",
    )
    child_page(
        archive,
        NewsletterIssuePage,
        ISSUE_SLUG,
        title="The courage to be kind, and what North Ayrshire learned",
        introduction="Our new report on kindness in health and social care, a case study of "
        "two and a half years with North Ayrshire Council, and what we are working on next.",
        body=issue_body(),
    )
    # It went out by email too: the admin's list of sends shows it sent.
    record_past_issue_sent(ISSUE_SLUG)


def _link(page, text):
    if page is None:
        return escape(text)
    return f'<a linktype="page" id="{page.pk}">{escape(text)}</a>'


def issue_body():
    """The demo issue's blocks, in the programme brief's own words, linking the library."""
    items = {item.slug: item for item in LibraryItemPage.objects.all()}
    people = {person.slug: person for person in PersonPage.objects.all()}
    courage = items.get("the-courage-to-be-kind")
    ayrshire = items.get("north-ayrshire-a-case-study-on-kindness")
    case_study = _link(ayrshire, "North Ayrshire: A case study on kindness")
    practice_film = items.get("the-practice-of-kindness-film")
    poster = get_image_model().objects.filter(title=FILM_POSTER).first()
    body = [
        ("heading", {"text": "Kindness in health and social care", "level": "h2"}),
        (
            "paragraph",
            "<p>We are working with Carnegie Associate, Dr Elizabeth Kelly, to explore the "
            "role of kindness in health and social care in Scotland. Through this project we "
            "have worked with a small group of medics to reflect on learning from the "
            "healthcare response to COVID-19, findings which are discussed in our report, "
            f"{_link(courage, 'The courage to be kind')}.</p>",
        ),
        ("heading", {"text": "Learning from North Ayrshire", "level": "h2"}),
        (
            "paragraph",
            "<p>For two and a half years we worked in partnership with North Ayrshire "
            "Council to support their work in embedding kindness as an organisational value. "
            "The learning from this shared journey, which included the response to "
            f"COVID-19, is captured in {case_study}.</p>",
        ),
    ]
    chosen = [item.pk for item in (courage, ayrshire) if item is not None]
    if chosen:
        body.append(("library_items", {"heading": "New in the library", "items": chosen}))
    body += [
        ("heading", {"text": "What comes next", "level": "h2"}),
        (
            "paragraph",
            "<p>We are coordinating a Kindness Leadership Network, made up of leaders in "
            "different sectors across England, Scotland and Wales, to co-create a vision and "
            "set of practical tools to unlock kindness within organisations.</p>"
            "<p>If you missed it, the short film that goes with "
            f"{_link(practice_film, 'The Practice of Kindness')} brings together what over a "
            "hundred practitioners of the Kindness Innovation Network learned about putting "
            "kindness into practice.</p>",
        ),
    ]
    if poster is not None:
        body.append(
            (
                "image",
                {
                    "image": {
                        "image": poster.pk,
                        "alt_text": poster.description,
                        "decorative": False,
                    },
                    "caption": "The Practice of Kindness, a short film made by TartanZone Media.",
                },
            )
        )
    speak_to = [people[slug].pk for slug in SPEAK_TO if slug in people]
    if speak_to:
        body.append(("speak_to", {"heading": "Speak to", "people": speak_to}))
    # As stored (pictures and pages by id), the form Wagtail reads a whole body from.
    return [{"type": kind, "value": value} for kind, value in body]


def grow(scale):
    """Generated issues up to `scale` times the one real issue, each saying it is made up."""
    archive = NewsletterIndexPage.objects.first()
    if archive is None:
        return
    for n in generated_numbers(archive, NewsletterIssuePage, GENERATED_ISSUE_SLUG, scale - 1):
        child_page(
            archive,
            NewsletterIssuePage,
            generated_slug(GENERATED_ISSUE_SLUG, n),
            title=f"{GENERATED_PREFIX} Newsletter {n:03}",
            introduction=GENERATED_NOTE,
            body=[{"type": "paragraph", "value": f"<p>{GENERATED_NOTE}</p>"}],
        )
