"""What a check does when a tool it needs (Chromium, axe-core, the Nu HTML Checker, nginx,
Redis, Postgres) is missing."""

import os

import pytest


def tool_missing(message, *, required_by=("REQUIRE_BROWSER",)):
    """Skip the check with a loud reason; fail it instead where the run requires the tool.

    `.ci/run` sets the REQUIRE_* variables, so CI never passes on checks it did not run.
    """
    if any(os.environ.get(flag) for flag in required_by):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
