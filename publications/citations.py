"""How to cite a publication: a Harvard-style reference and a BibTeX entry.

Both take the same plain dict (see `PublicationPage.citation_data`): authors as
(family name, given names) pairs in order, year, month (or None when only the year is
known), title, type, publisher and url.
"""

import re

from django.utils.html import format_html
from django.utils.text import slugify

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
SKIP_WORDS = {"a", "an", "the", "of", "on", "and"}


def initials(given):
    """'Zoë' -> 'Z.', 'Mary-Ann Jo' -> 'M.-A.J.'"""
    return "".join(
        "-".join(f"{part[0]}." for part in name.split("-") if part) for name in given.split()
    )


def join_names(names):
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def harvard(data):
    """Family, I. and Family, I. (Year) <em>Title</em>. Publisher. Available at: URL."""
    names = [f"{family}, {initials(given)}".rstrip(", ") for family, given in data["authors"]]
    # With no named author, the organisation is the author (and not repeated as publisher).
    author = join_names(names) or data["publisher"]
    publisher = format_html(" {}.", data["publisher"]) if names else ""
    return format_html(
        "{} ({}) <cite>{}</cite>.{} Available at: {}",
        author,
        data["year"],
        data["title"],
        publisher,
        format_html('<a href="{}">{}</a>', data["url"], data["url"]),
    )


def bibtex_escape(text):
    return "".join(BIBTEX_ESCAPES.get(char, char) for char in text)


def bibtex_key(data):
    family = data["authors"][0][0] if data["authors"] else data["publisher"]
    words = [w for w in re.findall(r"\w+", data["title"].lower()) if w not in SKIP_WORDS]
    return slugify(f"{family}{data['year']}{words[0] if words else ''}").replace("-", "")


def bibtex(data):
    """A @techreport entry, UTF-8, with the title's capitals protected."""
    fields = []
    if data["authors"]:
        people = [f"{family}, {given}" if given else family for family, given in data["authors"]]
        fields.append(("author", "{" + bibtex_escape(" and ".join(people)) + "}"))
    fields += [
        ("title", "{{" + bibtex_escape(data["title"]) + "}}"),
        ("institution", "{" + bibtex_escape(data["publisher"]) + "}"),
        ("type", "{" + bibtex_escape(data["type"]) + "}"),
        ("year", "{" + str(data["year"]) + "}"),
    ]
    if data["month"]:
        fields.append(("month", MONTHS[data["month"] - 1]))
    fields.append(("url", "{" + data["url"] + "}"))
    body = "".join(f"  {name} = {value},\n" for name, value in fields)
    return f"@techreport{{{bibtex_key(data)},\n{body}}}\n"
