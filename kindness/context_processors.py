from wagtail.models import Site

from kindness.models import load_site_settings


def site(request):
    """The Wagtail site answering this request, and its name for the header and titles."""
    current = Site.find_for_request(request)
    load_site_settings(request)  # For views that are not pages, such as the search.
    return {
        "current_site": current,
        "site_name": (current.site_name if current else "") or "Kinder Communities",
    }
