import json
from urllib.parse import quote, urlencode

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# Each network's share address, filled with the page's URL and title. Plain links built
# on the server: nothing is loaded from these networks until a visitor follows one.
SHARE_NETWORKS = [
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?{}", lambda url, title: {"u": url}),
    ("X", "https://x.com/intent/post?{}", lambda url, title: {"url": url, "text": title}),
    (
        "LinkedIn",
        "https://www.linkedin.com/sharing/share-offsite/?{}",
        lambda url, title: {"url": url},
    ),
    (
        "Bluesky",
        "https://bsky.app/intent/compose?{}",
        lambda url, title: {"text": f"{title} {url}"},
    ),
    ("WhatsApp", "https://wa.me/?{}", lambda url, title: {"text": f"{title} {url}"}),
]


def site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    root = site_root(request)
    current = context.get("page")
    items = list(root.get_children().live().in_menu()) if root else []
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
    # Depth 1 is Wagtail's invisible root; everything below it is a real page.
    return {"ancestors": page.get_ancestors().filter(depth__gt=1), "page": page}


@register.inclusion_tag("components/share_links.html", takes_context=True)
def share_links(context):
    page = context.get("page")
    request = context["request"]
    if page is None:
        return {"links": []}
    url = page.get_full_url(request)
    title = page.seo_title or page.title
    links = [
        {"network": name, "href": pattern.format(urlencode(params(url, title), quote_via=quote))}
        for name, pattern, params in SHARE_NETWORKS
    ]
    links.append(
        {
            "network": "email",
            "href": "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
        }
    )
    return {"links": links, "url": url, "title": title}


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block for `data` (a dict), safe to place in any page.

    `<`, `>` and `&` are escaped inside the JSON so no value can close the script element.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
