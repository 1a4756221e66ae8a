"""The Nu HTML Checker finds no error in any page type.

The checker refuses localhost addresses, so each page is rendered with Django's test client,
saved to a file, and all the files are checked in one run of Java (it is slow to start).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.pages import quality_pages
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


def test_every_page_type_is_valid_html(demo, client, tmp_path):
    command = checker()
    pages = {}
    for number, site_page in enumerate(quality_pages()):
        response = client.get(site_page.path)
        assert response.status_code == site_page.status, site_page
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        pages[path.name] = site_page

    # The checker writes its report to stderr, and exits 1 when it finds an error.
    run = subprocess.run(
        [*command, *sorted(str(path) for path in tmp_path.glob("*.html"))],
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
        return pages.get(url.rsplit("/", 1)[-1], url)

    errors = [
        f"{where(message)}, line {message.get('lastLine')}: "
        f"{message['message']}\n    {' '.join(message.get('extract', '').split())}"
        for message in messages
        if message["type"] in {"error", "non-document-error"}
    ]
    if errors:
        pytest.fail("The Nu HTML Checker found errors:\n" + "\n".join(errors), pytrace=False)
    assert run.returncode == 0, run.stderr
