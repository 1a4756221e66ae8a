from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.permissions import register_permission_policy

        from newsletter.models import Campaign, Subscriber
        from newsletter.permissions import SubscriberPermissionPolicy
        from newsletter.retention import scrub_after_delete
        from newsletter.sending.admin import CampaignPermissionPolicy

        register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))
        register_permission_policy(Campaign, CampaignPermissionPolicy(Campaign))
        post_delete.connect(scrub_after_delete, sender=Subscriber, dispatch_uid="newsletter-scrub")
