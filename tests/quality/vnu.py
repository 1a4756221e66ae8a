"""The Nu HTML Checker, run once over many rendered documents (Java is slow to start).

The checker refuses localhost addresses, so each document is saved to a file first.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.tools import tool_missing

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"


def checker():
    """The command that runs the checker; skips (fails under REQUIRE_VNU) when it can't run."""
    java = shutil.which("java")
    missing = [
        what
        for what, there in [("Java", java), (f"the Nu HTML Checker at {VNU_JAR}", VNU_JAR.exists())]
        if not there
    ]
    if missing:
        message = (
            f"HTML VALIDITY NOT CHECKED: no {' and no '.join(missing)}. "
            "`make test` installs them (npm ci, and Java where it can)."
        )
        tool_missing(message, required_by=("REQUIRE_VNU", "REQUIRE_BROWSER"))
    return [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only"]


def assert_valid_html(documents, folder):
    """Fail with every error the checker finds in `documents` ({label: HTML bytes})."""
    command = checker()
    labels = {}
    for number, (label, content) in enumerate(documents.items()):
        path = Path(folder) / f"document-{number}.html"
        path.write_bytes(content)
        labels[path.name] = label

    # The checker writes its report to stderr, and exits 1 when it finds an error.
    run = subprocess.run(
        [*command, *sorted(str(Path(folder) / name) for name in labels)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(run.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The Nu HTML Checker did not report:\n{run.stdout}\n{run.stderr}")

    def where(message):
        url = message.get("url", "")
        return labels.get(url.rsplit("/", 1)[-1], url)

    errors = [
        f"{where(message)}, line {message.get('lastLine')}: "
        f"{message['message']}\n    {' '.join(message.get('extract', '').split())}"
        for message in messages
        if message["type"] in {"error", "non-document-error"}
    ]
    if errors:
        pytest.fail("The Nu HTML Checker found errors:\n" + "\n".join(errors), pytrace=False)
    assert run.returncode == 0, run.stderr
