"""The guide for editors: in the admin's Help menu, under /admin/, in the admin's look, for
an editor (not only a superuser), covering the jobs staff do."""

import json

from tests.html import soup, visible_text

GUIDE = "/admin/guide/"


def help_menu(client):
    """The Help menu's items (label, address), from the JSON the admin's sidebar is drawn from."""
    props = json.loads(soup(client.get("/admin/")).select_one("#wagtail-sidebar-props").string)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type", "").endswith("SubMenuItem") and node["_args"][0]["name"] == "help":
                for item in node["_args"][1]:
                    found.append((item["_args"][0]["label"], item["_args"][0].get("url")))
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return found


def test_the_help_menu_links_to_the_guide(editor):
    assert ("Guide for editors", GUIDE) in help_menu(editor)


def test_the_guide_renders_for_an_editor_in_the_admins_look(editor):
    html = soup(editor.get(GUIDE))
    assert visible_text(html.h1) == "Guide for editors"
    # The admin's own page: its stylesheet and its menu.
    assert any(
        "wagtailadmin/css/core" in link["href"] for link in html.select("link[rel=stylesheet]")
    )
    assert html.select_one("#wagtail-sidebar-props")
    contents = [visible_text(a) for a in html.select("nav[aria-labelledby=guide-contents] a")]
    for topic in (
        "Add a publication with its PDF",
        "Write a report as a web page, in chapters",
        "Footnotes",
        "A chart from a spreadsheet",
        "Films and their transcripts",
        "Images and their focal points",
        "Alt text: describing pictures",
        "Approval: submitting, checking and publishing",
        "Publishing at a set time",
        "The newsletter's subscribers",
        "When someone asks to be erased",
    ):
        assert topic in contents
    # Each item of the contents leads to its section.
    for link in html.select("nav[aria-labelledby=guide-contents] a"):
        assert html.select_one(link["href"]) is not None


def test_the_guide_is_for_staff_only(client, db):
    response = client.get(GUIDE)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
