"""Admin views for staff: the guide for editors, the second step of signing in to the
admin and setting up its second factor, and the approver's preview in every mode."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView
from django_otp import login as otp_login
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.workflow import PreviewRevisionForTaskView

from kindness.middleware import lockout_response
from staff import two_factor
from staff.forms import AuthenticatorCodeForm, SecondFactorForm


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """The guide for editors and approvers, in the admin, under the Help menu."""

    template_name = "staff/editor_guide.html"
    page_title = "Guide for editors"
    header_icon = "help"
    # The page's own header with its title, rather than a trail of one "Home" link.
    breadcrumbs_items = []


def next_url(request):
    """Where the admin was going before it asked for a code: an address on this site."""
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def same_query(request, url_name):
    """The other step, still going where this one was."""
    query = request.GET.urlencode(safe="/")
    return f"{reverse(url_name)}?{query}" if query else reverse(url_name)


def signed_in_with(request, device):
    """The session has given its second factor. A new session key, so one an attacker
    planted before sign-in is worth nothing after it."""
    request.session.cycle_key()
    otp_login(request, device)
    if settings.AXES_RESET_ON_SUCCESS:
        AxesProxyHandler.update_request(request)
        AxesProxyHandler.reset_attempts(
            ip_address=request.axes_ip_address, username=request.user.get_username()
        )


def locked_out(request):
    """Too many wrong codes (or passwords): signed out, and the lock-out page."""
    logout(request)
    return lockout_response(request)


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(next_url(request))
    if not two_factor.has_second_factor(user):
        return redirect(same_query(request, "staff_two_factor_enrol"))

    # A wrong code counts against django-axes' limit as a wrong password does, for this
    # username from this address: five of either, and both steps are locked.
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return locked_out(request)

    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, wait_until = two_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            signed_in_with(request, device)
            if device.name == two_factor.RECOVERY_CODES_NAME:
                messages.warning(request, recovery_code_used(user))
            return redirect(next_url(request))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return locked_out(request)
        if wait_until:
            form.add_error("code", two_factor.wait_message(wait_until))
        else:
            form.add_error("code", "That code did not work. Check it and try again.")

    return render(
        request,
        "staff/two_factor/verify.html",
        {"form": form, "next": next_url(request)},
    )


def recovery_code_used(user):
    left = two_factor.recovery_codes_left(user)
    return (
        f"You signed in with a recovery code, which will not work again; {left} left. "
        "Make new ones under Account > Two-factor sign-in."
    )


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def enrol(request):
    """Setting up an authenticator app, for an admin who has none: the only way in.

    Someone who has one cannot add another here on a password alone; an administrator
    removes a lost one (`manage.py reset_two_factor`)."""
    user = request.user
    if two_factor.has_second_factor(user):
        return redirect(same_query(request, "staff_two_factor_verify"))

    device = two_factor.new_authenticator(user)
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed, wait_until = two_factor.confirm(device, form.cleaned_data["code"])
        if confirmed:
            codes = two_factor.new_recovery_codes(user)
            signed_in_with(request, confirmed)
            return render(
                request,
                "staff/two_factor/recovery_codes.html",
                {"codes": codes, "next": next_url(request), "first_time": True},
            )
        form.add_error(
            "code",
            two_factor.wait_message(wait_until)
            if wait_until
            else "That code did not work. Check that the app shows the code for this site, "
            "and that your phone's clock is right.",
        )

    return render(
        request,
        "staff/two_factor/enrol.html",
        {
            "form": form,
            "next": next_url(request),
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret(device),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New recovery codes for a signed-in admin, replacing the old ones."""
    if request.method == "POST":
        codes = two_factor.new_recovery_codes(request.user)
        return render(
            request,
            "staff/two_factor/manage.html",
            {"codes": codes, "next": reverse("wagtailadmin_home")},
        )
    return render(
        request,
        "staff/two_factor/manage.html",
        {"codes_left": two_factor.recovery_codes_left(request.user)},
    )


class ApprovalPreviewView(PreviewRevisionForTaskView):
    """Wagtail's preview of what an approver is asked to approve (the link in their email
    and on the dashboard), in any of the page's preview modes, chosen with `?mode=`: a
    publication as its web page, the whole report or its PDF. Wagtail's own shows only the
    default mode. The userbar in the preview links the other modes (wagtail_hooks.py)."""

    def get(self, request, *args, **kwargs):
        if not self.task_state or not self.task.get_actions(self.object, request.user):
            # Wagtail's own answers: not awaiting this task, or not this user's to approve.
            return super().get(request, *args, **kwargs)
        revision = self.task_state.revision
        page = revision.as_object()
        modes = dict(page.preview_modes)
        # An unknown mode is the default one, never an error.
        mode = request.GET.get("mode", page.default_preview_mode)
        if mode not in modes:
            mode = page.default_preview_mode
        here = reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, self.task.pk])
        others = [
            (label, f"{here}?{urlencode({'mode': name})}" if name else here)
            for name, label in page.preview_modes
            if name != mode
        ]
        return page.make_preview_request(
            request,
            mode,
            extra_request_attrs={"revision_id": revision.id, "approval_preview_modes": others},
        )
