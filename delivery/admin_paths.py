"""Which requests are the admin's: the compression and the content security policy treat
them apart from readers'."""

from django.conf import settings


def is_admin_request(request):
    """A request for the admin, or a page preview the admin renders for its editor's frame.

    Wagtail renders a preview by sending a request of its own, for the page's public address,
    through the whole middleware stack (and marks it is_preview); its response is shown only
    inside the admin, so it is sent with the admin's policy.
    """
    return getattr(request, "is_preview", False) or request.path_info.startswith(
        tuple(settings.ADMIN_PATH_PREFIXES)
    )
