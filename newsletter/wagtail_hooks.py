"""The subscribers in the Wagtail admin: list, search, filter, export and delete.

Wagtail's ModelViewSet gives all of it; the permission policy keeps it to users with a
newsletter permission and leaves out "add" and "copy": a subscriber only ever comes from
the signup form, with their own consent (newsletter.permissions).

And the signup form at the top of every page's footer: the footer's "footer_start" slot
(kindness.slots).
"""

from datetime import timedelta

import django_filters
from django.db.models import Count
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from kindness.slots import SlotComponent
from newsletter.forms import SignupForm
from newsletter.models import NewsletterSettings, Subscriber
from newsletter.sending.admin import campaign_viewset


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Subscriber.Status.choices)
    created_at = django_filters.DateFromToRangeFilter(
        label="First signed up", widget=DateRangePickerWidget
    )
    confirmed_at = django_filters.DateFromToRangeFilter(
        label="Confirmed", widget=DateRangePickerWidget
    )

    class Meta:
        model = Subscriber
        fields = ["status", "created_at", "confirmed_at"]


def counts_by_status():
    counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("pk")))
    return [(label, counts.get(value, 0)) for value, label in Subscriber.Status.choices]


class SubscriberIndexView(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_counts"] = counts_by_status()
        return context


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = "Newsletter subscribers"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = SubscriberIndexView
    index_template_name = "newsletter/admin/subscriber_index.html"
    list_display = ["email", "name", "status", "created_at", "confirmed_at"]
    filterset_class = SubscriberFilterSet
    search_fields = ["email", "name"]
    list_export = [
        "email",
        "name",
        "status",
        "consent_text",
        "consented_at",
        "confirmed_at",
        "source_path",
        "unsubscribed_at",
        "bounced_at",
    ]
    export_headings = {
        "email": "Email",
        "name": "Name",
        "status": "Status",
        "consent_text": "Consent wording",
        "consented_at": "Consent given",
        "confirmed_at": "Confirmed",
        "source_path": "Signed up on",
        "unsubscribed_at": "Unsubscribed",
        "bounced_at": "Bounced",
    }
    export_filename = "newsletter-subscribers"
    inspect_view_fields = [
        "email",
        "name",
        "status",
        "consent_text",
        "consented_at",
        "source_path",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "bounced_at",
    ]
    form_fields = ["name"]


subscriber_viewset = SubscriberViewSet("newsletter_subscribers")


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return subscriber_viewset


@hooks.register("register_admin_viewset")
def register_campaign_viewset():
    return campaign_viewset


class NewSubscribersPanel(Component):
    """The dashboard's count of this week's confirmed subscribers."""

    name = "new_subscribers"
    order = 150
    template_name = "newsletter/admin/new_subscribers_panel.html"

    def get_context_data(self, parent_context=None):
        week_ago = timezone.now() - timedelta(days=7)
        return {
            "new_this_week": Subscriber.objects.filter(
                status=Subscriber.Status.CONFIRMED, confirmed_at__gte=week_ago
            ).count(),
            "confirmed": Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count(),
            "listing_url": subscriber_viewset.menu_url,
        }


@hooks.register("construct_homepage_panels")
def add_new_subscribers_panel(request, panels):
    if subscriber_viewset.permission_policy.user_has_permission(request.user, "view"):
        panels.append(NewSubscribersPanel())


class FooterSignup(SlotComponent):
    """The footer's signup form: the same for every reader, so the page can be cached whole."""

    template_name = "newsletter/includes/footer_signup.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        form = SignupForm(auto_id="footer-newsletter-%s", initial={"source": self.request.path})
        return {"form": form, "newsletter_settings": NewsletterSettings.for_request(self.request)}


@hooks.register("slot:footer_start")
def footer_signup(context):
    # The signup and confirmation pages have the form already: no second one below it.
    if context.get("hide_footer_signup"):
        return None
    return FooterSignup(context["request"])
