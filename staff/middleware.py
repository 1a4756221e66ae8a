"""No one reaches the admin on a password alone (staff/two_factor.py)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse

from kindness.middleware import is_admin_request
from staff import two_factor

# What someone who has given their password but not yet a code may open in the admin: the
# way to give one (or set one up), the way out, and what those pages load.
BEFORE_SECOND_FACTOR = {
    "staff_two_factor_verify",
    "staff_two_factor_enrol",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def require_second_factor(get_response):
    """Sends an admin who has signed in with their password, and not yet given a second
    factor, to give one: to set up an authenticator if they have none.

    Below django-otp's middleware, which tells whether this session has given one. Outside
    the admin (a private page or document, the userbar) such a session counts as signed out.
    """

    def middleware(request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and two_factor.needs_second_factor(user)
        ):
            if not is_admin_request(request):
                request.user = AnonymousUser()
                request.user.otp_device = None
                request.user.is_verified = lambda: False
            elif url_name(request) not in BEFORE_SECOND_FACTOR:
                step = (
                    "staff_two_factor_verify"
                    if two_factor.has_second_factor(user)
                    else "staff_two_factor_enrol"
                )
                return redirect_to_login(request.get_full_path(), login_url=reverse(step))
        return get_response(request)

    return middleware


def url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None
