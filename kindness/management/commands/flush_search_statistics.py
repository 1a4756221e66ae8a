from kindness.recurring import RecurringCommand
from kindness.search import statistics


class Command(RecurringCommand):
    help = (
        "Move the searches counted in the cache into Wagtail's search terms (Reports → "
        "Search terms). With --schedule, queue it to run hourly on the worker instead."
    )
    task = "kindness.tasks.flush_search_statistics"
    # How often the worker moves the counted searches into the admin's search terms.
    every = {"every_minutes": 60}
    schedule_name = "an hourly flush of search statistics"

    def run(self, *args, **options):
        written = statistics.flush()
        if options["verbosity"]:
            self.stdout.write(f"Wrote {written} search term{'s' * (written != 1)}.")
