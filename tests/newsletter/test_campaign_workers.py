"""The send on real worker processes, as production runs them: one killed with SIGKILL in
the middle and another started after it; two at once; and a reader unsubscribing while
the send runs.
"""

import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsletter.emails import unsubscribe_url
from newsletter.models import Campaign, Delivery, Subscriber
from newsletter.sending.tasks import send_campaign
from tests.environment import PROJECT
from tests.newsletter.campaigns import received_by, start_send, subscribe
from tests.newsletter.conftest import path_of

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres(reason="where worker processes truly claim at once"),
]
BATCH = 20
# Longer than a batch can take (it stops taking messages after a quarter of this), plus
# one SMTP timeout.
CLAIM_TIMEOUT = 4


def worker_environment(server, **extra):
    database = connection.settings_dict
    user = quote(database["USER"] or "")
    password = f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONUNBUFFERED": "1",
        "DATABASE_URL": f"postgres://{user}{password}@{host}:{database['PORT'] or 5432}/"
        + quote(database["NAME"]),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(server.port),
        "EMAIL_USE_TLS": "0",
        "EMAIL_TIMEOUT": "1",
        "NEWSLETTER_BATCH_SIZE": str(BATCH),
        "NEWSLETTER_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT),
        "NEWSLETTER_TEST_DELAYS": "0.2",
        # The pictures, which the test's own process has.
        "TEST_MEDIA_ROOT": settings.MEDIA_ROOT,
        **extra,
    }


def start_worker(environment, log):
    with open(log, "ab") as output:
        return subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--backend=email",
                "--interval=0.1",
                "--no-reload",
                "--no-startup-delay",
            ],
            cwd=PROJECT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(worker):
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def wait_for(condition, timeout, what, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    tail = log.read_text()[-3000:] if log else ""
    pytest.fail(f"{what} did not happen within {timeout} s\n{tail}")


def is_sent(campaign):
    campaign.refresh_from_db()
    return campaign.state == Campaign.State.SENT


def message_ids_by_recipient(server):
    ids = defaultdict(list)
    for recipient, message in server.received:
        ids[recipient].append(message["Message-ID"])
    return ids


def test_a_worker_killed_mid_send_is_followed_by_one_that_finishes_it(
    demo, scripted_smtp, tmp_path
):
    readers = subscribe(300)
    log = tmp_path / "workers.log"
    # Slow enough to be killed in the middle: about 3 s for the whole send.
    environment = worker_environment(scripted_smtp, NEWSLETTER_RATE_PER_SECOND="100")
    campaign = start_send()
    first = start_worker(environment, log)
    try:
        wait_for(lambda: len(scripted_smtp.received) >= 60, 60, "the first 60 messages", log)
        first.send_signal(signal.SIGKILL)
        first.wait()
    finally:
        stop(first)
    in_doubt = Delivery.objects.filter(state=Delivery.State.SENDING).count()
    assert 0 < len(scripted_smtp.received) < 300
    assert in_doubt <= BATCH  # at most the batch that was on the wire

    second = start_worker(environment, log)
    try:
        wait_for(lambda: is_sent(campaign), 60, "the end of the send", log)
    finally:
        stop(second)

    received = received_by(scripted_smtp)
    assert set(received) == {reader.email for reader in readers}  # nobody left out
    twice = {recipient for recipient, count in received.items() if count > 1}
    assert len(twice) <= in_doubt
    assert max(received.values()) <= 2
    ids = message_ids_by_recipient(scripted_smtp)
    for recipient in twice:
        assert len(set(ids[recipient])) == 1  # the same message, recognisably
    assert len({ids[reader.email][0] for reader in readers}) == 300
    assert campaign.deliveries.filter(state=Delivery.State.SENT).count() == 300


@override_settings(NEWSLETTER_PARALLEL_SENDS=2)
def test_a_worker_killed_as_it_took_a_run_leaves_a_spare_that_finishes_the_send(
    demo, scripted_smtp, tmp_path
):
    readers = subscribe(50)
    log = tmp_path / "workers.log"
    with override_settings(NEWSLETTER_CLAIM_TIMEOUT=CLAIM_TIMEOUT):
        campaign = start_send()
    # Each lane's run due now, as workers killed the moment they took them leave them:
    # running for ever, before they could queue anything.
    for lane in range(settings.NEWSLETTER_PARALLEL_SENDS):
        taken = (
            DBTaskResult.objects.ready()
            .filter(
                task_path=send_campaign.module_path,
                args_kwargs__kwargs__campaign_id=campaign.pk,
                args_kwargs__kwargs__lane=lane,
            )
            .first()
        )
        assert taken is not None
        DBTaskResult.objects.filter(pk=taken.pk).update(
            status=TaskResultStatus.RUNNING, started_at=timezone.now()
        )

    worker = start_worker(worker_environment(scripted_smtp), log)
    try:
        wait_for(lambda: is_sent(campaign), 30, "the end of the send", log)
    finally:
        stop(worker)
    assert received_by(scripted_smtp) == {reader.email: 1 for reader in readers}


def test_two_workers_at_once_send_each_message_once(demo, scripted_smtp, tmp_path):
    readers = subscribe(300)
    log = tmp_path / "workers.log"
    environment = worker_environment(
        scripted_smtp, NEWSLETTER_RATE_PER_SECOND="400", NEWSLETTER_PARALLEL_SENDS="2"
    )
    workers = [start_worker(environment, log) for _ in range(2)]
    try:
        wait_for(lambda: log.read_text().count("Starting worker") == 2, 60, "both workers", log)
        # Two lanes, one for each worker.
        with override_settings(NEWSLETTER_PARALLEL_SENDS=2):
            campaign = start_send()
        wait_for(lambda: is_sent(campaign), 90, "the end of the send", log)
    finally:
        for worker in workers:
            stop(worker)
    assert received_by(scripted_smtp) == {reader.email: 1 for reader in readers}
    runs = DBTaskResult.objects.filter(task_path=send_campaign.module_path)
    workers_that_sent = {worker for run in runs for worker in run.worker_ids}
    assert len(workers_that_sent) == 2


def test_a_reader_who_unsubscribes_mid_send_receives_nothing_after(
    demo, scripted_smtp, tmp_path, client
):
    readers = subscribe(100)
    leaving = readers[-10:]
    log = tmp_path / "workers.log"
    environment = worker_environment(scripted_smtp, NEWSLETTER_RATE_PER_SECOND="50")
    campaign = start_send()
    worker = start_worker(environment, log)
    try:
        wait_for(lambda: len(scripted_smtp.received) >= 10, 60, "the first messages", log)
        for reader in leaving:
            assert client.post(path_of(unsubscribe_url(reader))).status_code == 200
        wait_for(lambda: is_sent(campaign), 60, "the end of the send", log)
    finally:
        stop(worker)
    received = received_by(scripted_smtp)
    assert not {reader.email for reader in leaving} & set(received)
    assert set(received) == {reader.email for reader in readers[:-10]}
    assert campaign.deliveries.filter(state=Delivery.State.SKIPPED).count() == 10
    assert Subscriber.objects.filter(status=Subscriber.Status.UNSUBSCRIBED).count() == 10
