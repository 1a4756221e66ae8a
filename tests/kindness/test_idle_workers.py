"""An idle site is idle: every place that starts a worker starts it the same way, and a
worker started that way uses next to no CPU while there is nothing to do.

django-tasks-db's worker asks the database for work every `--interval` seconds (1 by
default), and with DEBUG on it runs under Django's reloader, which reads every loaded
file's time each second: over 4% of a core per idle worker (docs/performance.md).
"""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.environment import PROJECT

OPTIONS = ["--interval", "5", "--no-reload"]
# A share of one core, over the window: the reloader alone costs about four times this.
IDLE_CPU_LIMIT = 0.01
WINDOW = 10


def worker_commands_in_text(text):
    return re.findall(r"manage\.py db_worker --backend \w+[^`&;|\n]*", text)


def make_dry_run(target):
    """The commands `make <target>` would run, printed by make without running them."""
    result = subprocess.run(
        [shutil.which("make"), "-n", "--no-print-directory", "-f", "Makefile", target],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_every_place_that_starts_a_worker_starts_it_idle_friendly():
    makefile = {target: make_dry_run(target) for target in ("run", "worker")}
    compose = yaml.safe_load((PROJECT / "compose.yaml").read_text())["services"]
    found = {
        **{f"make {target}": worker_commands_in_text(text) for target, text in makefile.items()},
        "compose.yaml": [
            " ".join(service["command"])
            for service in compose.values()
            if "db_worker" in service.get("command", [])
        ],
        **{
            name: worker_commands_in_text((PROJECT / name).read_text())
            for name in ("Dockerfile", "docs/deploy.md")
        },
    }
    for place, commands in found.items():
        backends = {re.search(r"--backend (\w+)", command).group(1) for command in commands}
        assert backends == {"email", "documents"}, place
        for command in commands:
            assert " ".join(OPTIONS) in " ".join(command.split()), (place, command)


def cpu_seconds(pid):
    """The CPU time the process and its children (the reloader's worker) have used."""
    pids, total = [pid], 0
    for each in pids:
        try:
            children = Path(f"/proc/{each}/task/{each}/children").read_text()
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        pids += [int(child) for child in children.split()]
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="reads /proc")
def test_an_idle_worker_uses_next_to_no_cpu(tmp_path):
    """The email worker as `make run` starts it, DEBUG on, with nothing in its queue."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "migrate", "django_tasks_database", "-v0"], cwd=PROJECT, env=env, check=True
    )
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(
            [*manage, "db_worker", "--backend", "email", *OPTIONS],
            cwd=PROJECT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 120
        while "Starting worker" not in log.read_text():
            assert worker.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the worker did not start"
            time.sleep(0.5)
        time.sleep(2)  # past its first poll
        before, start = cpu_seconds(worker.pid), time.monotonic()
        time.sleep(WINDOW)
        share = (cpu_seconds(worker.pid) - before) / (time.monotonic() - start)
        assert share < IDLE_CPU_LIMIT, f"{share:.1%} of a core while idle"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
