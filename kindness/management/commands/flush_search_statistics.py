from django.core.management.base import BaseCommand

from kindness.search import statistics

# How often the worker moves the counted searches into the admin's search terms.
EVERY_MINUTES = 60


class Command(BaseCommand):
    help = (
        "Move the searches counted in the cache into Wagtail's search terms (Reports → "
        "Search terms). With --schedule, queue it to run hourly on the worker instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue an hourly run on the worker, unless one is already queued.",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            self.schedule()
            return
        written = statistics.flush()
        if options["verbosity"]:
            self.stdout.write(f"Wrote {written} search term{'s' * (written != 1)}.")

    def schedule(self):
        from kindness import recurring
        from kindness.tasks import flush_search_statistics

        if recurring.schedule(flush_search_statistics, every_minutes=EVERY_MINUTES):
            self.stdout.write("Queued an hourly flush of search statistics.")
        else:
            self.stdout.write("An hourly flush of search statistics is already queued.")
