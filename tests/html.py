"""Reading pages the way a visitor does: parsed HTML and the text it shows."""

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
