import dataclasses
import json
import logging

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from wagtail.models import Site

from kindness.models import SiteSettings
from kindness.navigation import sections
from kindness.search import text as search_text
from kindness.sharing import ShareCard, absolute_url, share_card, share_description
from kindness.sharing import share_links as network_links
from kindness.slots import slot_tag

logger = logging.getLogger(__name__)

register = template.Library()
# {% slot "name" %}: a place the apps above fill through hooks (kindness.slots).
register.tag("slot", slot_tag)

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    root = site_root(request)
    current = context.get("page")
    items = [page for page in sections(request, root) if page.live and page.show_in_menus]
    for item in items:
        item.is_current = bool(current) and (
            current.pk == item.pk or current.path.startswith(item.path)
        )
    return {"root": root, "items": items, "page": current}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}
    # Depth 1 is Wagtail's invisible root; everything below it is a real page. Routing the
    # request has already fetched every ancestor, and Wagtail keeps each page's parent on
    # it, so walking up costs no query when serving (a preview fetches them).
    ancestors = [page]
    while ancestors[-1].depth > 2:
        ancestors.append(ancestors[-1].get_parent())
    return {"ancestors": ancestors[:0:-1], "page": page}


def site_settings_for(request):
    """The site settings for this request, or None when no Wagtail site answers it."""
    if Site.find_for_request(request) is None:
        return None
    return SiteSettings.for_request(request)


def page_share_card(context):
    """The share card for the page being shown, or for a view's own `meta_title`."""
    settings = site_settings_for(context["request"])
    page = context.get("page")
    if page is not None:
        card = share_card(page, settings)
        # A part of a page with an address of its own (a report's chapter) names itself.
        if context.get("page_title"):
            card = dataclasses.replace(card, title=context["page_title"])
        return card
    image = settings.default_share_image if settings else None
    return ShareCard(
        title=context.get("meta_title") or context.get("site_name", ""),
        description=settings.default_share_description if settings else "",
        image=image,
        image_alt=(image.description or image.title) if image else "",
    )


def share_image(request, card):
    """The share picture as {url, width, height, alt, wide}, its URL absolute.

    Landscape pictures are cut to the 1200 × 630 that networks show large; portraits and
    square photos keep their shape, so nobody's face is cropped away.
    """
    if card.drawn is not None:
        return {
            "url": absolute_url(request, card.drawn.file.url),
            "width": card.drawn.width,
            "height": card.drawn.height,
            "alt": card.image_alt,
            "wide": True,
        }
    if card.image is None:
        return None
    wide = card.image.width >= card.image.height * 1.3
    spec = "fill-1200x630" if wide else "max-1200x1200"
    try:
        rendition = card.image.get_rendition(f"{spec}|format-jpeg|jpegquality-85")
    except OSError:  # Includes Wagtail's SourceImageIOError.
        # A missing or broken file costs the page its share picture, not the page itself.
        logger.warning("No share image rendition for image %s", card.image.pk)
        return None
    return {
        "url": absolute_url(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": card.image_alt or card.image.title,
        "wide": wide,
    }


@register.inclusion_tag("components/meta_tags.html", takes_context=True)
def meta_tags(context):
    """Description, canonical URL, Open Graph and Twitter card tags, all absolute."""
    request = context["request"]
    page = context.get("page")
    card = page_share_card(context)
    site_name = context.get("site_name", "")
    is_site_root = page is not None and page.depth == 2
    if page is not None:
        url = context.get("page_url") or page.get_full_url(request)
        meta_description = page.search_description or card.description
    else:
        url = absolute_url(request, request.path)
        meta_description = card.description
    return {
        "card": card,
        "url": url,
        "canonical": url if page is not None else None,
        "meta_description": " ".join(meta_description.split()),
        "og_type": "website" if page is None or is_site_root else "article",
        "site_name": site_name,
        "image": share_image(request, card),
        "structured_data": site_structured_data(request, site_name) if is_site_root else [],
    }


def site_structured_data(request, site_name):
    """schema.org Organization and WebSite (with its search) for the home page."""
    settings = site_settings_for(request)
    home = absolute_url(request, "/")
    organisation = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": f"{home}#organisation",
        "name": settings.organisation_name if settings else site_name,
        "url": home,
        "logo": absolute_url(request, static("icons/icon-512.png")),
    }
    profiles = social_profiles(settings)
    if profiles:
        organisation["sameAs"] = [profile["url"] for profile in profiles]
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": f"{home}#website",
        "name": site_name,
        "url": home,
        "publisher": {"@id": f"{home}#organisation"},
        "inLanguage": "en-GB",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_url(request, reverse("search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return [organisation, website]


def social_profiles(settings):
    """The site's profiles as [{label, url}]: Facebook first when it is set."""
    if settings is None:
        return []
    profiles = []
    if settings.facebook_url:
        profiles.append({"label": "Facebook", "url": settings.facebook_url})
    profiles += [
        {"label": block.value["label"], "url": block.value["url"]}
        for block in settings.social_profiles
    ]
    return profiles


@register.inclusion_tag("components/share_links.html", takes_context=True)
def share_links(context):
    """Links that share this page on each network, plus the copy and share buttons."""
    page = context.get("page")
    if page is None:
        return {"links": []}
    request = context["request"]
    url = context.get("page_url") or page.get_full_url(request)
    card = page_share_card(context)
    return {"links": network_links(url, card.title), "url": url, "title": card.title}


@register.inclusion_tag("components/social_links.html", takes_context=True)
def social_links(context):
    """The site's social profiles for the footer."""
    settings = site_settings_for(context["request"])
    return {"profiles": social_profiles(settings), "site_name": context.get("site_name", "")}


@register.filter
def page_numbers(page_obj):
    """The page numbers to link around `page_obj`: the first and last, a few either side
    of the current one, and the paginator's ELLIPSIS where numbers are left out."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def verbose_name(model):
    """A page type's name for readers: "Strand", "Person"."""
    return capfirst(model._meta.verbose_name) if model else ""


@register.filter
def result_description(page):
    """The line a search result shows: the search description, else the page's summary."""
    return share_description(page, None)


@register.simple_tag
def search_snippet(page, query):
    """The words around `query`'s first match in `page`, matches in <mark>, HTML-escaped."""
    return search_text.search_snippet(page, query)


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block for `data` (a dict), safe to place in any page.

    `<`, `>` and `&` are escaped inside the JSON so no value can close the script element.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
