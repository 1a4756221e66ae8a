"""The newsletter's sends in the Wagtail admin: the list, a page per send with its counts,
and the buttons that start, schedule, pause, resume and cancel it, or test it on yourself.

Everything here needs the permission to send the newsletter (Moderators have it, Editors
do not: staff/roles.py). Every button is a form that posts; sending to subscribers first
shows how many will receive it and asks to confirm.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from newsletter.models import Campaign
from newsletter.sending import actions, engine, tasks

SEND_PERMISSION = "newsletter.send_campaign"


class CampaignPermissionPolicy(ModelPermissionPolicy):
    """Seeing, preparing and sending sends all take the one permission to send the
    newsletter; a send is never edited or deleted, so its record stays as it went."""

    allowed = {"add", "view"}

    def user_has_permission(self, user, action):
        return action in self.allowed and user.is_active and user.has_perm(SEND_PERMISSION)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class CampaignForm(WagtailAdminModelForm):
    class Meta:
        model = Campaign
        fields = ["issue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["issue"]
        field.queryset = engine.issues()
        field.widget = forms.Select(choices=field.choices)
        field.help_text = "The published issue to send. You can test it on yourself first."


class NewCampaignView(CreateView):
    def save_instance(self):
        campaign = self.form.save(commit=False)
        campaign.created_by = self.request.user
        campaign.save()
        return campaign

    def get_success_url(self):
        return reverse("newsletter_campaigns:inspect", args=[self.object.pk])

    def get_success_message(self, instance):
        return f"Ready to send “{instance}”: test it on yourself, then send it."


class CampaignIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("issue")


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label="Send at",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_send_at(self):
        moment = self.cleaned_data["send_at"]
        if moment <= timezone.now():
            raise forms.ValidationError("Choose a time in the future.")
        return moment


def counts_of(campaign):
    """The send's counts, as (label, number, description) rows."""
    counts = campaign.deliveries.counts()
    unsubscribed = 0
    if campaign.started_at:
        unsubscribed = campaign.deliveries.filter(
            subscriber__unsubscribed_at__gte=campaign.started_at
        ).count()
    waiting = "Not sent (cancelled)" if campaign.state == Campaign.State.CANCELLED else "Waiting"
    return [
        ("Recipients", counts["total"], "Confirmed subscribers when the send started."),
        ("Sent", counts["sent"], f"Of which {counts['sent_after_retry']} after a retry."),
        (waiting, counts["waiting"], "Not tried yet."),
        ("Waiting to retry", counts["retrying"], "The mail server said: try again later."),
        ("Bounced", counts["bounced"], "The mail server refused the address for good."),
        ("Failed", counts["failed"], "Refused, or still refused after every retry."),
        ("In doubt", counts["in_doubt"], "Being sent, or on the wire when a worker stopped."),
        ("Not sent: unsubscribed", counts["skipped"], "They left before their turn came."),
        ("Unsubscribes since", unsubscribed, "Recipients who unsubscribed after it started."),
    ]


class CampaignView(InspectView):
    """A send's own page: what it sends, to how many, how far it has got, and its buttons."""

    template_name = "newsletter/admin/campaign.html"

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        not_started = campaign.state in {Campaign.State.DRAFT, Campaign.State.SCHEDULED}
        context.update(
            campaign=campaign,
            counts=None if not_started else counts_of(campaign),
            recipients_now=engine.audience().count() if not_started else None,
            not_started=not_started,
            schedule_form=ScheduleForm(initial={"send_at": campaign.scheduled_for}),
            test_address=self.request.user.email,
            tests=tasks.test_sends(campaign.issue_id) if campaign.issue_id else [],
            stalled_since=tasks.stalled_since(campaign),
            issue_url=campaign.issue.full_url if campaign.issue and campaign.issue.live else None,
            actions={
                action: reverse("newsletter_campaigns:act", args=[campaign.pk, action])
                for action in ACTIONS
            },
        )
        return context


def confirm_send(request, campaign):
    return TemplateResponse(
        request,
        "newsletter/admin/campaign_confirm.html",
        {
            "campaign": campaign,
            "recipients": engine.audience().count(),
            "action_url": request.path,
            "back_url": reverse("newsletter_campaigns:inspect", args=[campaign.pk]),
            "page_title": f"Send “{campaign}”",
            "header_title": f"Send “{campaign}”",
        },
    )


def act_send(request, campaign):
    recipients = actions.start(campaign)
    messages.success(request, f"Sending “{campaign}” to {recipients} subscribers.")


def act_schedule(request, campaign):
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        raise engine.CannotSend(" ".join(form.errors["send_at"]))
    actions.schedule(campaign, form.cleaned_data["send_at"])
    moment = timezone.localtime(form.cleaned_data["send_at"])
    messages.success(request, f"“{campaign}” will be sent at {moment:%H:%M on %d %B %Y}.")


def act_test(request, campaign):
    address = request.user.email
    if campaign.issue is None:
        raise engine.CannotSend("The issue was deleted.")
    if not address:
        raise engine.CannotSend("Your account has no email address to send the test to.")
    actions.send_test(campaign.issue, address)
    messages.success(
        request,
        f"A test of “{campaign}” is on its way to {address}, and no one else. "
        "Whether it has gone shows under “Tests of this issue”.",
    )


def act_pause(request, campaign):
    if not actions.pause(campaign):
        raise engine.CannotSend("Only a send in progress can be paused.")
    messages.success(request, f"“{campaign}” is paused. Resume it when you are ready.")


def act_resume(request, campaign):
    if not actions.resume(campaign):
        raise engine.CannotSend("Only a paused send can be resumed.")
    messages.success(request, f"“{campaign}” is sending again.")


def act_cancel(request, campaign):
    if not actions.cancel(campaign):
        raise engine.CannotSend("This send is over already.")
    messages.success(request, f"“{campaign}” is cancelled: nothing more will be sent.")


ACTIONS = {
    "send": act_send,
    "schedule": act_schedule,
    "test": act_test,
    "pause": act_pause,
    "resume": act_resume,
    "cancel": act_cancel,
}


@require_http_methods(["GET", "POST"])
def campaign_action(request, pk, action):
    """Each button's POST; a GET of "send" is the question before it: how many, and sure?"""
    if not CampaignPermissionPolicy(Campaign).user_has_permission(request.user, "add"):
        raise PermissionDenied
    if action not in ACTIONS:
        raise Http404
    campaign = get_object_or_404(Campaign.objects.select_related("issue"), pk=pk)
    if request.method == "GET":
        if action != "send" or campaign.state not in {
            Campaign.State.DRAFT,
            Campaign.State.SCHEDULED,
        }:
            return redirect("newsletter_campaigns:inspect", campaign.pk)
        return confirm_send(request, campaign)
    try:
        ACTIONS[action](request, campaign)
    except engine.CannotSend as error:
        messages.error(request, str(error))
    return redirect("newsletter_campaigns:inspect", campaign.pk)


class CampaignViewSet(ModelViewSet):
    model = Campaign
    icon = "mail"
    menu_label = "Newsletter sends"
    menu_order = 251
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = CampaignView
    index_view_class = CampaignIndexView
    add_view_class = NewCampaignView
    list_display = ["__str__", "state", "started_at", "finished_at"]
    list_filter = ["state"]
    form_fields = ["issue"]

    def get_form_class(self, for_update=False):
        return CampaignForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("act/<int:pk>/<slug:action>/", campaign_action, name="act"),
        ]


campaign_viewset = CampaignViewSet("newsletter_campaigns")
