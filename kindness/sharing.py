"""How pages look when shared: share cards, absolute addresses and the networks' share links."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils.html import strip_tags
from wagtail.models import Site

from social_cards.models import card_for


@dataclass(frozen=True)
class ShareCard:
    """What a page looks like when shared: the title, description and picture networks show."""

    title: str
    description: str
    image: object = None
    image_alt: str = ""
    # The page's own drawn card (social_cards), when it has one and no chosen share picture.
    drawn: object = None


def share_card(page, site_settings):
    """The share card for any page: the Promote tab, then its content, then site defaults.

    The picture: the one an editor chose in the Promote tab; else the card the worker drew
    for the page (its title, type and own picture: social_cards); until it is drawn, the
    page's own picture (a cover, a poster, a photo), then the site's default.
    Works for pages without ShareMetadataMixin too (they get the site's defaults), so a new
    page type has metadata from the start.
    """
    title = page.seo_title or page.title
    description = share_description(page, site_settings)
    image = getattr(page, "share_image", None)
    if image is None and (drawn := card_for(page)) is not None:
        return ShareCard(title=title, description=description, drawn=drawn, image_alt=drawn.alt)
    image = image or _call(page, "share_image_from_content", None)
    if image is None and site_settings:
        image = site_settings.default_share_image
    alt = (image.description or image.title) if image else ""
    return ShareCard(title=title, description=description, image=image, image_alt=alt)


def share_description(page, site_settings):
    """The share card's description alone: a list of pages (search results) shows it without
    fetching each page's picture."""
    description = (
        page.search_description
        or _call(page, "share_description_from_content", "")
        or (site_settings.default_share_description if site_settings else "")
    )
    return " ".join(strip_tags(str(description)).split())


def _call(page, name, default):
    method = getattr(page, name, None)
    return method() if callable(method) else default


def absolute_url(request, url):
    """`url` made absolute against the site's root URL (or BASE_URL outside any site)."""
    if url.startswith(("http://", "https://")):
        return url
    site = Site.find_for_request(request) if request else None
    root = site.root_url if site else settings.BASE_URL
    return root.rstrip("/") + "/" + url.lstrip("/")


# Each network's share address, filled with the page's URL and title. Plain links built
# on the server: nothing is loaded from these networks until a visitor follows one.
SHARE_NETWORKS = [
    ("Facebook", "https://www.facebook.com/sharer/sharer.php", lambda url, title: {"u": url}),
    ("X", "https://x.com/intent/post", lambda url, title: {"url": url, "text": title}),
    (
        "LinkedIn",
        "https://www.linkedin.com/sharing/share-offsite/",
        lambda url, title: {"url": url},
    ),
    ("Bluesky", "https://bsky.app/intent/compose", lambda url, title: {"text": f"{title} {url}"}),
    ("WhatsApp", "https://wa.me/", lambda url, title: {"text": f"{title} {url}"}),
]


def share_links(url, title):
    """[{label, href, new_tab}] for every network, then email; every value URL-encoded."""
    links = [
        {
            "label": f"Share on {name}",
            "href": f"{base}?{urlencode(params(url, title), quote_via=quote)}",
            "new_tab": True,
        }
        for name, base, params in SHARE_NETWORKS
    ]
    email = urlencode({"subject": title, "body": url}, quote_via=quote)
    links.append({"label": "Share by email", "href": f"mailto:?{email}", "new_tab": False})
    return links
