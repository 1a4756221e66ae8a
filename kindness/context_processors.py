from wagtail.models import Site


def site(request):
    """The Wagtail site answering this request, and its name for the header and titles."""
    current = Site.find_for_request(request)
    return {
        "current_site": current,
        "site_name": (current.site_name if current else "") or "Kinder Communities",
    }
