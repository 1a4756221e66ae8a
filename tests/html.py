"""Reading pages the way a visitor does: parsed HTML and the text it shows."""

import json
import re

from bs4 import BeautifulSoup


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def visible_text(node):
    """The text a reader sees, with runs of white space folded to one space."""
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


# Script elements of these types hold data the browser never runs (JSON-LD for search
# engines; the editors' userbar configuration), so the policy does not apply to them.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def inline_code(html):
    """Every piece of inline code on a page the strict policy would block, in words."""
    found = []
    for script in html.find_all("script"):
        if script.get("type") in DATA_SCRIPT_TYPES:
            json.loads(script.string)
        elif not script.get("src"):
            found.append(f"inline <script>: {str(script)[:80]}")
    found += [f"<style>: {str(style)[:80]}" for style in html.find_all("style")]
    for element in html.find_all(True):
        for attribute, value in element.attrs.items():
            if attribute == "style" or attribute.startswith("on"):
                found.append(f"{attribute}= on <{element.name}>")
            if attribute in {"href", "src", "action", "formaction"} and str(
                value
            ).strip().lower().startswith("javascript:"):
                found.append(f"javascript: URL on <{element.name}>")
    return found
