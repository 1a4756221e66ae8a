from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from newsletter.models import Campaign, Subscriber
        from newsletter.permissions import SubscriberPermissionPolicy
        from newsletter.sending.admin import CampaignPermissionPolicy

        register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))
        register_permission_policy(Campaign, CampaignPermissionPolicy(Campaign))
