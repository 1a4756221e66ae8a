"""axe-core, run inside the page under test, for the WCAG 2.2 AA rules.

We inject npm's `axe-core` file ourselves rather than use axe-playwright-python: the npm
package pins the exact rules we run in package-lock.json (with its integrity hash), needs no
network at test time, and the same `npm ci` brings the Nu HTML Checker, so there is one
place where the test-only tools are pinned. axe-playwright-python would bundle a copy of
axe we could not choose the version of.

The file goes in as an init script (Chrome DevTools' "evaluate on new document"), which a
Content-Security-Policy does not govern: a page served with `script-src 'self'` still
runs axe, and nothing about the page's own policy needs relaxing for the test.
"""

from pathlib import Path

from tests.tools import tool_missing

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, as the issue asks: the success criteria of each version and level.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def enable_axe(page):
    """Make axe available on every document this page's context loads from now on."""
    if not AXE_JS.exists():
        message = (
            f"ACCESSIBILITY CHECKS NOT RUN: no axe-core at {AXE_JS}. "
            "Run `npm ci` (make test does) to install it."
        )
        tool_missing(message)
    page.context.add_init_script(path=AXE_JS)
    return page


def violations(page):
    """The WCAG violations axe finds in the page as it is now."""
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        WCAG_TAGS,
    )
    return result["violations"]


def describe(found):
    """A readable report: page, rule, impact, what to fix and where."""
    lines = []
    for where, page_violations in found.items():
        lines.append(f"{where}:")
        for violation in page_violations:
            lines.append(
                f"  {violation['id']} ({violation['impact']}): {violation['help']}"
                f" <{violation['helpUrl']}>"
            )
            for node in violation["nodes"][:5]:
                summary = " ".join(node.get("failureSummary", "").split())
                lines.append(f"    at {' '.join(map(str, node['target']))}: {summary}")
            if len(violation["nodes"]) > 5:
                lines.append(f"    ...and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)
