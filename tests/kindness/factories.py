import factory
import wagtail_factories
from wagtail.models import Collection

from kindness.models import SiteSettings


def site_settings(site, **fields):
    """The site's settings with `fields` changed and saved."""
    settings = SiteSettings.for_site(site)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


class ImageFactory(wagtail_factories.ImageFactory):
    title = "A photograph"
    description = "Volunteers talking over tea at a community lunch"
    # In the root collection, where uploads go and where the roles' permissions are given
    # (wagtail-factories' own makes a new, unpermitted collection for each image).
    collection = factory.LazyFunction(Collection.get_first_root_node)
