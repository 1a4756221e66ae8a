"""Point the default Wagtail site at PUBLIC_URL: run it at each release, after migrate."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from kindness.public_url import point_site_at


class Command(BaseCommand):
    help = (
        "Set the default site's hostname and port from PUBLIC_URL (or --url), so canonical "
        "and share links use the address the site is served on."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", help="the public address; PUBLIC_URL when left out")

    def handle(self, *args, url=None, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet: run load_demo_content or add one.")
        before = site.root_url
        try:
            point_site_at(site, url)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        clash = Site.objects.filter(hostname=site.hostname, port=site.port).exclude(pk=site.pk)
        if clash.exists():
            raise CommandError(f"Another site already answers at {site.root_url}.")
        if site.root_url == before:
            self.stdout.write(f"The site is already at {before}.")
            return
        site.save(update_fields=["hostname", "port"])
        self.stdout.write(self.style.SUCCESS(f"The site is now at {site.root_url} (was {before})."))
