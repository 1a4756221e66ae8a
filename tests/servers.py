"""Servers the tests start for themselves: a free port, Redis, and any process of ours
that answers on a port once it is up.

Without `redis-server` a test that needs one is skipped with a loud reason; with
REQUIRE_REDIS=1 (as `.ci/run` sets) it fails instead.
"""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.environment import PROJECT
from tests.tools import tool_missing

START_TIMEOUT = 30


def free_port():
    """A local port nothing listens on: connecting to it is refused at once, and a server
    of ours may take it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port, directory):
    """A Redis server of our own on this port, answering once this returns."""
    server = shutil.which("redis-server")
    if not server:
        tool_missing(
            "REDIS TESTS NOT RUN: redis-server is not installed (apt-get install "
            "redis-server; .ci/run does).",
            required_by=("REQUIRE_REDIS",),
        )
    process = subprocess.Popen(
        [server, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", directory],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return process


def stop_redis(process):
    process.terminate()
    process.wait(timeout=10)


def wait_for_port(port, process, log):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"exited with {process.returncode}:\n{Path(log).read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"did not start within {START_TIMEOUT} s:\n{Path(log).read_text()[-3000:]}")


def start(args, port, log, env=None, cwd=PROJECT):
    """A server process of ours, answering on `port` once this returns."""
    with open(log, "wb") as output:
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log)
    except BaseException:
        stop(process)
        raise
    return process


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class FlakySMTPServer:
    """A real SMTP server (aiosmtpd) on a free local port that refuses mail until told to
    accept it, as a mail server that is down for a while does."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.accepting = False
        self.received = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not self.accepting:
            return "451 4.3.0 Mail server busy: try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes

        self.received.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def run_worker(backend):
    """A real worker (`db_worker --backend <backend>`), as `make run` and production run
    it, until its queue is empty."""
    from django.core.management import call_command

    call_command(
        "db_worker",
        f"--backend={backend}",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )


def run_email_worker():
    """The email worker until its queue is empty: the emails queued so far are sent."""
    run_worker("email")


class ScriptedSMTPServer:
    """A real SMTP server (aiosmtpd) on a free local port that answers as it is told:

    - `answers[address]`: the answers to that recipient's RCPT, one per attempt, the last
      repeated (e.g. ["451 4.2.0 Try later", "250 OK"], or ["550 5.1.1 No such user"]);
      any other recipient is accepted;
    - `drop_after`: after that many accepted messages, close the connection at the next
      command, once;
    - `stall`: seconds to wait before answering each message's data.

    Every accepted message is in `received` as (recipient, parsed message).
    """

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.answers = {}
        self.attempts = {}
        self.drop_after = None
        self.stall = 0
        self.received = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def _maybe_drop(self, server):
        if self.drop_after is not None and len(self.received) >= self.drop_after:
            self.drop_after = None
            server.transport.close()
            return True
        return False

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self._maybe_drop(server):
            return "421 4.3.2 Closing"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        script = self.answers.get(address)
        attempt = self.attempts[address] = self.attempts.get(address, 0) + 1
        answer = script[min(attempt, len(script)) - 1] if script else "250 OK"
        if not answer.startswith("250"):
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import asyncio
        from email import message_from_bytes

        if self.stall:
            await asyncio.sleep(self.stall)
        message = message_from_bytes(envelope.content)
        for recipient in envelope.rcpt_tos:
            self.received.append((recipient, message))
        return "250 Message accepted for delivery"
