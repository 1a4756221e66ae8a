"""The site's own pages: about the programme, the privacy notice and the accessibility statement.

Every statement here is true of this site as built: the privacy notice of its settings and
templates (no cookies or trackers for readers, what the newsletter keeps), the accessibility
statement of the checks in tests/. facts.md gives no contact address and no registration
details, so the pages name the Carnegie UK Trust and nothing more; an editor adds the rest.
"""

from html import escape

from django.conf import settings
from django.utils.html import format_html

from programme.models import ContentPage

ORGANISATION = "Carnegie UK Trust"


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def paragraphs(*texts):
    """Rich text, a paragraph for each text (which may hold a link from `page_link`)."""
    return ("paragraph", "".join(f"<p>{text}</p>" for text in texts))


def bullets(*items):
    return ("paragraph", "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def page_link(page, text):
    """A rich-text link to `page`, or the plain text while the page does not exist."""
    if page is None:
        return escape(text)
    return format_html('<a linktype="page" id="{}">{}</a>', page.pk, text)


def about(links, speak_to):
    body = [
        heading("What the programme does"),
        paragraphs(
            "Kindness is at the heart of our wellbeing. The relationships we have with the "
            "people around us, and the way organisations and services treat us, matter to "
            "how well we live.",
            f"Since 2016 the {ORGANISATION} has led Kinder Communities, a programme that "
            "explores what can be done to encourage kindness in our communities, in our "
            "organisations and services, and in public policy.",
        ),
        heading("What it has done so far"),
        bullets(
            "With seven community organisations in Scotland, and the support of the Joseph "
            "Rowntree Foundation, it tested what helps everyday kindness to grow (2016 to "
            "2017).",
            "With Carnegie Fellow Julia Unwin DBE it examined the place of kindness and "
            "emotion in public policy (2018 to 2019).",
            "It ran the first survey of people's experiences of kindness in their communities "
            "and public services across the UK and Ireland (2018).",
            "Its Kindness Innovation Network brought together over a hundred practitioners "
            "across Scotland to test ideas in the places they work (2018 to 2019).",
            "For two and a half years it worked alongside North Ayrshire Council as the "
            "council made kindness one of its values (2018 to 2020).",
        ),
        heading("What it is doing now"),
        bullets(
            "With Carnegie Associate Dr Elizabeth Kelly, it is exploring the role of kindness "
            "in health and social care in Scotland.",
            "It coordinates the Kindness Leadership Network, where leaders from England, "
            "Scotland and Wales are creating a shared vision and practical tools for kinder "
            "organisations.",
        ),
        heading("On this site"),
        paragraphs(
            f"Each strand of the work has its own page in {links['programme']}, with its "
            f"dates, partners and what came of it. The reports, data and films are in "
            f"{links['library']}, and {links['people']} introduces those who did the work.",
        ),
    ]
    if speak_to:
        body.append(("speak_to", {"heading": "Speak to", "people": speak_to}))
    return {
        "slug": "about",
        "title": "About the programme",
        "introduction": f"Kinder Communities is the {ORGANISATION}'s programme of work on "
        "kindness: in our communities, in our organisations and services, and in public "
        "policy.",
        "body": body,
    }


def privacy(links):
    return {
        "slug": "privacy",
        "title": "Privacy notice",
        "introduction": "What this site keeps about you, and what it does not. In short: "
        "reading the site keeps nothing about you, and the newsletter keeps only what it "
        "needs to send it to you.",
        "body": [
            heading("Who runs this site"),
            paragraphs(
                f"The {ORGANISATION} runs this site for its Kinder Communities programme, "
                "and is responsible for the information described on this page."
            ),
            heading("Reading the site"),
            paragraphs(
                "The site sets no cookies when you read it. It uses no analytics and no "
                "third-party trackers: every page, picture, font and script comes from this "
                "site itself.",
                "When you search the site, the words you searched for are counted, so that we "
                "can see what readers look for. Nothing that identifies you is kept with them.",
                "When you download a report, the download is counted: one more for that file "
                "on that day. Nothing about you is kept with the count, not even your internet "
                "(IP) address.",
            ),
            heading("Films"),
            paragraphs(
                "A film hosted on YouTube or Vimeo plays from there, and nothing loads from "
                "either until you press play. When you do, your browser connects to YouTube "
                "(through its privacy-enhanced address, youtube-nocookie.com) or to Vimeo "
                "(asking it not to track you). Like any website you visit, that service then "
                "receives your internet (IP) address, details of your browser and device, and "
                "which film you are watching, and its own privacy policy applies. A film "
                "uploaded to this site plays from the site itself.",
            ),
            heading("Sharing a page"),
            paragraphs(
                "The links to share a page on Facebook, X, LinkedIn, Bluesky or WhatsApp are "
                "plain links. Nothing is sent to those networks unless you choose one.",
            ),
            heading("The newsletter"),
            paragraphs("When you sign up for the programme's newsletter, we keep:"),
            bullets(
                "your email address;",
                "your name, if you give it;",
                "the words you agreed to on the form, and when you agreed;",
                "the page the form was on;",
                "whether your subscription is waiting for you to confirm it, confirmed or "
                "ended, and when each of those happened;",
                "for each newsletter sent to you, when it was sent and what your mail server "
                "answered.",
            ),
            paragraphs(
                "The site sends the newsletter itself, from its own list: no mailing-list "
                "company holds your address. The emails travel through the mail provider "
                "chosen in the site's settings, which, like any mail server, sees the address "
                "of each email it delivers.",
                "We use your email address only to send you the programme's newsletter. We "
                "never sell it, and share it with no one but the mail provider that carries "
                "the emails.",
                "The emails carry no tracking pixels and their links are not rewritten: we "
                "do not know whether you open an email or which links you follow.",
                "To stop anyone misusing the form, the site counts signups from each internet "
                "(IP) address for an hour, and confirmation emails to each email address for "
                "a day. It keeps only a scrambled form of the address for the count, and "
                "forgets it when the time is up.",
            ),
            heading("How long we keep it"),
            bullets(
                "A signup nobody confirms is deleted after "
                f"{settings.NEWSLETTER_UNCONFIRMED_DAYS} days.",
                "Your subscription, and the record of each newsletter sent to you, are kept "
                "while you are subscribed.",
                "When you unsubscribe, or when your mail server refuses our emails for good, "
                f"we keep them for {settings.NEWSLETTER_FORGET_AFTER_DAYS} days more. Then we "
                "delete them all and keep only a scrambled form of your email address (a "
                "keyed hash), from which the address cannot be read back, so that an old "
                "unsubscribe link still says you are unsubscribed. If you sign up again you "
                "confirm as anyone does, and the scrambled form is deleted.",
                "The site's own records of the emails it has sent, and of its other "
                f"background work, are deleted after {settings.TASK_RESULTS_KEEP_DAYS} days.",
            ),
            heading("Your choices"),
            paragraphs(
                "Every newsletter email has a link to unsubscribe with one click.",
                "To ask for a copy of the information we hold about you, or for it to be "
                f"deleted, contact the {ORGANISATION}. Deleting it deletes the record of the "
                "newsletters sent to you too.",
            ),
            heading("People who edit the site"),
            paragraphs(
                "Editors sign in to change the site. Signing in sets two cookies, used only "
                "for editing: one keeps the editor signed in, the other protects the editing "
                "forms from forgery. Readers never get either.",
                "Each sign-in, and each failed attempt, is recorded with the username, the "
                "internet (IP) address and the browser it came from, so that someone guessing "
                "passwords can be locked out.",
            ),
            heading("More about the programme"),
            paragraphs(f"{links['about']} says who we are and what the programme does."),
        ],
    }


def accessibility(links):
    return {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "introduction": "How accessible this site is, how we check it, what we know does not "
        "work yet, and how to tell us about a problem.",
        "body": [
            heading("The standard we meet"),
            paragraphs(
                "This site is built to meet the Web Content Accessibility Guidelines (WCAG) "
                "2.2 at level AA. You should be able to read it with a screen reader, use it "
                "with a keyboard alone, zoom in to 400% without scrolling sideways, and read "
                "it with JavaScript switched off.",
            ),
            heading("How we check it"),
            paragraphs("Every change to the site's code is checked automatically, in a browser:"),
            bullets(
                "axe, an accessibility checker, runs in Chromium on every page of the site, at "
                "a phone's width (390 pixels) and a desktop's (1280 pixels), and on every form "
                "after it is sent empty. It must find no WCAG 2.2 A or AA failure.",
                "The Nu HTML Checker must find no error in the HTML of any page.",
                "With the keyboard alone, a reader reaches a strand and a person from the home "
                "page; focus shows at every Tab stop of every page, and the skip link and the "
                "phone menu work.",
                "With JavaScript switched off, every page reads, every form sends, the menu "
                "opens and a report downloads.",
                "At 320 pixels wide (a desktop window zoomed to 400%) no page scrolls sideways.",
                "For readers who ask their device for less motion, nothing on the page moves.",
            ),
            heading("What does not work yet"),
            bullets(
                "The reports are PDF files. We have not checked them to the same standard as "
                "these pages; if one does not work for you, ask us for another format.",
                "The programme's two short films are not online yet. Every film we publish "
                "with its recording also has a full transcript on its page.",
                "Automatic checks find many problems, but not all of them.",
            ),
            heading("Tell us about a problem"),
            paragraphs(
                "If something on this site is hard to use, or you need it in another format, "
                f"contact the {ORGANISATION}. Say which page it was and what went wrong, and "
                "we will use what you tell us to put it right.",
                f"{links['privacy']} explains what the site keeps about its readers.",
            ),
        ],
    }


def load(home, speak_to):
    """Create the about page, privacy notice and accessibility statement that are missing.

    `speak_to`: the person pages the about page offers to speak to."""
    children = {page.slug: page for page in home.get_children().specific()}
    links = {
        "programme": page_link(children.get("programme"), "the programme"),
        "library": page_link(children.get("library"), "the library"),
        "people": page_link(children.get("people"), "People"),
    }
    pages = {}
    pages["about"] = content_page(home, about(links, speak_to))
    pages["privacy"] = content_page(
        home, privacy({"about": page_link(pages["about"], "About the programme")})
    )
    pages["accessibility"] = content_page(
        home, accessibility({"privacy": page_link(pages["privacy"], "The privacy notice")})
    )
    return pages


def content_page(home, data):
    """The content page under `home` with the data's slug, created and published if missing."""
    data = dict(data)
    slug = data.pop("slug")
    page = ContentPage.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = home.add_child(instance=ContentPage(slug=slug, show_in_footer=True, **data))
        page.save_revision().publish()
    return page
