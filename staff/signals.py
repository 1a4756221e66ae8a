"""A site given a new home page gives the roles their page permissions on it.

The migration gives them each site's home page as it finds it; a new database has only
Wagtail's welcome page then, which the demo loader (or an administrator) replaces.
"""

from django.apps import apps
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Site

from staff.roles import give_roles_the_home_page


@receiver(pre_save, sender=Site)
def remember_home_page(sender, instance, raw=False, **kwargs):
    if raw:
        return
    instance._home_page_before = (
        Site.objects.filter(pk=instance.pk).values_list("root_page_id", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=Site)
def give_roles_a_new_home_page(sender, instance, raw=False, **kwargs):
    # Only when the home page changes: saving a site for its address leaves the roles be.
    if not raw and instance.root_page_id != getattr(instance, "_home_page_before", None):
        give_roles_the_home_page(apps, instance.root_page_id)
