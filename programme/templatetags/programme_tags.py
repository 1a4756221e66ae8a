from django import template
from wagtail.models import Site

from programme.models import ContentPage

register = template.Library()


@register.inclusion_tag("programme/components/footer_links.html", takes_context=True)
def footer_links(context):
    """The content pages an editor chose to link from the footer, in the explorer's order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return {"pages": ContentPage.objects.in_footer(site), "request": request}
