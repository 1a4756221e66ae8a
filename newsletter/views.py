"""Signing up, confirming and unsubscribing: plain pages that work without JavaScript.

The signup form carries no CSRF token, so that every page with the footer form stays the
same for every reader and can be cached whole. Instead, a post from another site is refused
by its `Sec-Fetch-Site` and `Origin` headers (`is_cross_site`). None of these pages is cached.
"""

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from newsletter import throttle
from newsletter.emails import (
    forgotten_subscriber,
    subscriber_to_confirm,
    subscriber_to_unsubscribe,
)
from newsletter.forms import SignupForm
from newsletter.models import NewsletterSettings, Subscriber
from newsletter.signups import sign_up

# The form's ids on its own page; the footer's copy uses "footer-newsletter-".
PAGE_FORM_ID = "newsletter-%s"


def is_cross_site(request):
    """True when the browser says the post comes from another site, or from an opaque origin.

    Browsers send `Sec-Fetch-Site` (since 2020) and `Origin` on every cross-site post; a
    browser old enough to send neither cannot be made to post here by another site without
    them, so their absence is allowed.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site != "same-origin":
        return True
    origin = request.headers.get("Origin")
    if origin is not None:
        own_origin = f"{request.scheme}://{request.get_host()}"
        return origin != own_origin and origin not in settings.CSRF_TRUSTED_ORIGINS
    return False


def render(request, template, context=None, status=200):
    return TemplateResponse(request, f"newsletter/{template}.html", context or {}, status=status)


def signup_context(request, form):
    newsletter_settings = NewsletterSettings.for_request(request)
    return {
        "form": form,
        "newsletter_settings": newsletter_settings,
        "meta_title": "Sign up for the newsletter",
        "hide_footer_signup": True,
    }


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request):
    """The signup page (GET), and where every signup form posts (POST)."""
    if request.method == "GET":
        form = SignupForm(auto_id=PAGE_FORM_ID, initial={"source": request.path})
        return render(request, "signup", signup_context(request, form))

    if is_cross_site(request):
        return render(
            request, "cross_site", {"meta_title": "Signup refused", "what": "signup"}, status=403
        )
    if throttle.client_over_limit(request):
        return too_many(request)
    form = SignupForm(request.POST, auto_id=PAGE_FORM_ID)
    if not form.is_valid():
        context = signup_context(request, form)
        context["meta_title"] = "Error: " + context["meta_title"]
        return render(request, "signup", context, status=400)
    if form.is_bot():
        # Told the same as a person, so the bot learns nothing; nothing is stored.
        return redirect("newsletter:check-email")
    email = form.cleaned_data["email"]
    if throttle.address_exhausted(email):
        return too_many(request)
    newsletter_settings = NewsletterSettings.for_request(request)
    _subscriber, queued = sign_up(
        email=email,
        name=form.cleaned_data["name"],
        consent_text=newsletter_settings.consent_text,
        source_path=form.cleaned_data["source"],
    )
    if queued:
        throttle.count_email_to(email)
    # The same answer whether or not the address was already on the list.
    return redirect("newsletter:check-email")


def too_many(request):
    response = render(request, "too_many", {"meta_title": "Too many signups"}, status=429)
    response["Retry-After"] = "3600"
    return response


@never_cache
@require_GET
def check_email(request):
    return render(
        request,
        "check_email",
        {
            "meta_title": "Check your email",
            "days": settings.NEWSLETTER_CONFIRMATION_DAYS,
            "hide_footer_signup": True,
        },
    )


def link_problem(request, *, expired):
    return render(
        request,
        "link_problem",
        {
            "meta_title": "This link has expired" if expired else "This link does not work",
            "expired": expired,
            "signup_url": reverse("newsletter:signup"),
        },
        status=410 if expired else 404,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET asks, POST confirms: a mail scanner that opens every link in an incoming email
    cannot complete the double opt-in, so a confirmation is a person's press of the button.

    The post must come from this page (`is_cross_site`), as a signup must.
    """
    try:
        subscriber = subscriber_to_confirm(token)
    except signing.SignatureExpired:
        return link_problem(request, expired=True)
    except (signing.BadSignature, ValueError):
        return link_problem(request, expired=False)
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        # They unsubscribed after this link was sent: only a new signup subscribes again.
        return link_problem(request, expired=True)
    if request.method == "GET" and subscriber.status == Subscriber.Status.PENDING:
        return render(
            request,
            "ask",
            {
                "meta_title": "Confirm your subscription",
                "question": "Press the button to get the Kinder Communities newsletter by email.",
                "button": "Confirm",
                "hide_footer_signup": True,
            },
        )
    if request.method == "POST":
        if is_cross_site(request):
            context = {
                "meta_title": "Confirmation refused",
                "what": "confirmation",
                "confirm_url": request.path,
            }
            return render(request, "cross_site", context, status=403)
        subscriber.confirm()
    return render(
        request, "confirmed", {"meta_title": "You are subscribed", "hide_footer_signup": True}
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks, POST unsubscribes: a mail client's link checker cannot unsubscribe anyone.

    The POST is also the one-click unsubscribe of RFC 8058 that mail clients send from the
    `List-Unsubscribe-Post` header, from their own servers: the signed link is what
    authorises it, so it is exempt from the cross-site check.
    """
    try:
        subscriber = subscriber_to_unsubscribe(token)
    except (signing.BadSignature, ValueError):
        if forgotten_subscriber(token):
            # Left long ago and forgotten but for a hash: still unsubscribed, nothing to do.
            return render(request, "unsubscribed", {"meta_title": "You have unsubscribed"})
        return link_problem(request, expired=False)
    if request.method == "POST":
        subscriber.unsubscribe()
        return render(request, "unsubscribed", {"meta_title": "You have unsubscribed"})
    already_done = None
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        already_done = "This address is already unsubscribed. We will not send it the newsletter."
    return render(
        request,
        "ask",
        {
            "meta_title": "Unsubscribe from the newsletter",
            "question": "Press the button to stop getting the Kinder Communities newsletter.",
            "button": "Unsubscribe",
            "already_done": already_done,
        },
    )
