"""Send a newsletter issue from the command line: exactly what the admin's buttons do."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from newsletter.models import Campaign
from newsletter.sending import actions, engine


class Command(BaseCommand):
    help = (
        "Send a published newsletter issue (its page id or slug) to every confirmed "
        "subscriber, or with --test-to to one address alone. The email worker sends it."
    )

    def add_arguments(self, parser):
        parser.add_argument("issue", help="The issue's page id or slug.")
        parser.add_argument(
            "--test-to", metavar="ADDRESS", help="A test send to this address, and no one else."
        )
        parser.add_argument(
            "--at", metavar="'YYYY-MM-DD HH:MM'", help="Start the send then, not now."
        )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask first."
        )

    def handle(self, *, issue, test_to, at, interactive, **options):
        page = self.find(issue)
        if test_to:
            actions.send_test(page, test_to)
            self.stdout.write(f"A test of “{page.title}” is queued for {test_to} alone.")
            return
        moment = None
        if at:
            moment = parse_datetime(at)
            if moment is None:
                raise CommandError(f"--at {at!r} is not a date and time like '2027-01-31 09:00'.")
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            if moment <= timezone.now():
                raise CommandError("--at must be in the future.")
        recipients = engine.audience().count()
        if interactive:
            when = f"at {moment:%H:%M on %d %B %Y}" if moment else "now"
            try:
                answer = input(
                    f"Send “{page.title}” {when} to every confirmed subscriber "
                    f"({recipients} now)? Type yes to send: "
                )
            except EOFError:  # no one to ask: a script, a pipe
                raise CommandError("Nothing sent: no answer. Add --no-input to send.") from None
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing sent.")
        campaign = Campaign.objects.create(issue=page)
        try:
            if moment:
                actions.schedule(campaign, moment)
                self.stdout.write(f"Send {campaign.pk} of “{page.title}” scheduled for {at}.")
            else:
                sent_to = actions.start(campaign)
                self.stdout.write(f"Send {campaign.pk}: “{page.title}” to {sent_to} subscribers.")
        except engine.CannotSend as error:
            campaign.delete()
            raise CommandError(str(error)) from error

    def find(self, issue):
        pages = engine.issues()
        found = pages.filter(pk=int(issue)) if issue.isdigit() else pages.filter(slug=issue)
        page = found.first()
        if page is None:
            raise CommandError(f"No published newsletter issue {issue!r}.")
        return page.specific
