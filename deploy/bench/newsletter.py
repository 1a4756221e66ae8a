"""`make bench-newsletter`: a newsletter send to 10,000 subscribers, measured.

    .venv/bin/python deploy/bench/newsletter.py [--subscribers 10000] [--batch-size 50]

On a Postgres database of its own (`bench_kindness_newsletter`, made once; `--fresh`
makes it again): 10,000 confirmed subscribers and one published issue to send; a local
SMTP server (aiosmtpd's Sink, in a process of its own, taking everything); then the send,
started as the admin's button starts it and run by the email worker as production runs it
(`db_worker --backend email`, in this process so its queries can be counted), with the
rate limits lifted. It prints messages per second, and the queries of each batch (each run
of the send task), which must not grow with the batch.
"""

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASE = "bench_kindness_newsletter"


def log(message):
    print(f"[bench-newsletter] {message}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, action="append")
    parser.add_argument("--fresh", action="store_true", help="drop and remake the database")
    args = parser.parse_args()
    batch_sizes = args.batch_size or [50, 200]

    if args.fresh:
        subprocess.run(
            ["psql", POSTGRES + "/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {DATABASE}"],
            check=True,
        )
    # Made once (migrating takes minutes on a busy machine); --fresh makes it again.
    subprocess.run(
        ["psql", POSTGRES + "/postgres", "-q", "-c", f"CREATE DATABASE {DATABASE}"],
        capture_output=True,
    )
    os.environ.update(
        DATABASE_URL=f"{POSTGRES}/{DATABASE}",
        DJANGO_SETTINGS_MODULE="kindness.settings",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-not-a-secret"),
        DEBUG="0",
        NEWSLETTER_RATE_PER_SECOND="1000000",
        NEWSLETTER_RATE_PER_HOUR="100000000",
    )
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone
    from django_tasks.signals import task_finished, task_started
    from wagtail.models import Page

    from newsletter.demo import issue_body
    from newsletter.models import (
        Campaign,
        Delivery,
        NewsletterIndexPage,
        NewsletterIssuePage,
        Subscriber,
    )
    from newsletter.sending import actions
    from newsletter.sending.tasks import send_campaign

    log("migrating")
    call_command("migrate", verbosity=0)
    # An issue like the demo's, under an archive of its own; the last run's goes first.
    Campaign.objects.all().delete()
    Page.objects.filter(slug="bench").delete()
    root = Page.get_first_root_node()
    archive = root.add_child(instance=NewsletterIndexPage(title="Newsletter", slug="bench"))
    issue = archive.add_child(
        instance=NewsletterIssuePage(
            title="The courage to be kind",
            slug="bench-issue",
            introduction="A report, a case study and what we are working on next.",
            body=issue_body(),
        )
    )
    issue.save_revision().publish()

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # In a process of its own, as a mail server is: in this one it would share the worker's
    # interpreter lock, and measure that.
    smtp = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ]
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)

    per_batch = []
    counting = threading.local()

    def count(execute, sql, params, many, context):
        if getattr(counting, "queries", None) is not None:
            counting.queries += 1
        return execute(sql, params, many, context)

    def started(sender, task_result, **kwargs):
        if task_result.task.module_path == send_campaign.module_path:
            counting.queries = 0

    def finished(sender, task_result, **kwargs):
        if getattr(counting, "queries", None) is not None:
            per_batch.append(counting.queries)
            counting.queries = None

    task_started.connect(started)
    task_finished.connect(finished)
    results = []
    with override_settings(
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    ):
        for batch_size in batch_sizes:
            Subscriber.objects.all().delete()
            now = timezone.now()
            Subscriber.objects.bulk_create(
                (
                    Subscriber(
                        email=f"reader{n}@example.org",
                        status=Subscriber.Status.CONFIRMED,
                        consent_text="I agree.",
                        consented_at=now,
                        confirmed_at=now,
                    )
                    for n in range(args.subscribers)
                ),
                batch_size=2000,
            )
            per_batch.clear()
            with override_settings(NEWSLETTER_BATCH_SIZE=batch_size):
                log(f"sending to {args.subscribers} subscribers, {batch_size} a batch")
                began = time.monotonic()
                campaign = Campaign.objects.create(issue=issue)
                actions.start(campaign)
                with connection.execute_wrapper(count):
                    call_command(
                        "db_worker",
                        "--backend=email",
                        "--batch",
                        "--no-startup-delay",
                        "--no-reload",
                        verbosity=0,
                    )
                seconds = time.monotonic() - began
            campaign.refresh_from_db()
            sent = Delivery.objects.filter(campaign=campaign, state=Delivery.State.SENT).count()
            assert campaign.state == Campaign.State.SENT, campaign.state
            assert sent == args.subscribers, sent
            full = per_batch[:-2] or per_batch  # the last runs find little or nothing left
            results.append(
                (batch_size, seconds, len(per_batch), min(full), max(full), sum(full) / len(full))
            )
    smtp.terminate()
    smtp.wait()

    print(f"\nNewsletter send to {args.subscribers} subscribers, Postgres, local aiosmtpd")
    print("| Batch size | Seconds | Messages/s | Task runs | Queries per batch (min/max/mean) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for batch_size, seconds, runs, low, high, mean in results:
        print(
            f"| {batch_size} | {seconds:.1f} | {args.subscribers / seconds:.0f} | {runs} | "
            f"{low} / {high} / {mean:.1f} |"
        )
    print(f"\nload average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
