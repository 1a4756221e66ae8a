from django import template
from wagtail.models import Site

from kindness.navigation import sections
from programme.models import ContentPage

register = template.Library()


@register.inclusion_tag("programme/components/footer_links.html", takes_context=True)
def footer_links(context):
    """The content pages an editor chose to link from the footer, in the explorer's order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"pages": [], "request": request}
    # Content pages are children of the home page: among the sections this request has.
    pages = [
        page
        for page in sections(request, site.root_page)
        if isinstance(page, ContentPage)
        and page.live
        and page.show_in_footer
        and not page.is_private
    ]
    return {"pages": pages, "request": request}
