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

import yaml

from tests.environment import PROJECT
from tests.servers import free_port

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


def project_copy(destination):
    """The project's tracked files, copied to `destination`.

    The development server's reloader watches the folders its code was loaded from; in the
    project's own tree, the files other tests write meanwhile (mail, media, caches) would
    wake it, and it would be measured at work, not idle.
    """
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=PROJECT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, tracked.split("\0")):
        source = PROJECT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


def idle_share(command, started, tmp_path, cwd=PROJECT):
    """The share of one core `manage.py <command>` uses, DEBUG on as in `make run`, over
    WINDOW seconds once its log says `started` and nothing is asked of it."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "migrate", "django_tasks_database", "-v0"], cwd=cwd, env=env, check=True
    )
    log = tmp_path / "process.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [*manage, *command], cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 120
        while started not in log.read_text():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"not started: {log.read_text()}"
            time.sleep(0.5)
        time.sleep(2)  # past its first poll
        before, start = cpu_seconds(process.pid), time.monotonic()
        time.sleep(WINDOW)
        return (cpu_seconds(process.pid) - before) / (time.monotonic() - start)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_an_idle_worker_uses_next_to_no_cpu(tmp_path):
    """The email worker as `make run` starts it, with nothing in its queue."""
    share = idle_share(["db_worker", "--backend", "email", *OPTIONS], "Starting worker", tmp_path)
    assert share < IDLE_CPU_LIMIT, f"{share:.1%} of a core while idle"


def test_an_idle_development_server_uses_next_to_no_cpu(tmp_path):
    """`make run`'s server, reloader and all, with no request to answer."""
    command = ["runserver", f"127.0.0.1:{free_port()}"]
    project = project_copy(tmp_path / "project")
    share = idle_share(command, "Quit the server with", tmp_path, cwd=project)
    assert share < IDLE_CPU_LIMIT, f"{share:.1%} of a core while idle"
