"""The demo-content loader puts the programme's real text into real pages, once."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from programme.demo import BRIEF_FILE, STRANDS
from programme.models import HomePage, StrandPage
from tests.html import normalise, soup, visible_text

# The programme team's brief exactly as they supplied it, kept with the tests so that an edit
# to the demo's copy (or to how the loader reads it) cannot pass unseen.
SUPPLIED_BRIEF = Path(__file__).resolve().parents[1] / "data" / "brief.md"


def supplied_brief():
    """The supplied brief's heading, and its paragraphs and bullets, read independently of
    the loader: the text after the front matter, up to the page furniture ("Speak To")."""
    text = SUPPLIED_BRIEF.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    chunks = [chunk.strip() for chunk in text.split("\n\n") if chunk.strip()]
    heading, *body = chunks[: chunks.index("Speak To")]
    lines = []
    for chunk in body:
        if chunk.startswith("•"):
            lines += [line.strip().removeprefix("•").strip() for line in chunk.splitlines()]
        else:
            lines.append(normalise(chunk))
    return heading, lines


@pytest.fixture
def empty_site(db):
    """The site as the migrations leave it, inside this test's transaction: no demo pages,
    pictures or files."""
    Page.objects.filter(depth=2).delete()
    get_image_model().objects.all().delete()
    get_document_model().objects.all().delete()
    assert Page.objects.count() == 1


def test_the_demo_copy_of_the_brief_is_the_programme_teams_text(demo):
    assert BRIEF_FILE.read_text(encoding="utf-8") == SUPPLIED_BRIEF.read_text(encoding="utf-8")


def test_loading_into_an_empty_site_builds_it_and_again_adds_nothing(empty_site, capsys):
    call_command("load_demo_content")
    assert "Demo content loaded" in capsys.readouterr().out
    counts = Page.objects.count(), get_image_model().objects.count()
    assert HomePage.objects.get().get_site().is_default_site
    assert counts[0] > 20

    call_command("load_demo_content")
    assert "nothing to add" in capsys.readouterr().out
    assert (Page.objects.count(), get_image_model().objects.count()) == counts


def test_loading_again_keeps_an_editors_changes(demo):
    demo.introduction = "Edited by the programme team."
    demo.save_revision().publish()
    call_command("load_demo_content", stdout=StringIO())
    assert HomePage.objects.get().introduction == "Edited by the programme team."


def test_home_page_is_the_site_root(demo, client):
    page = soup(client.get("/"))
    assert visible_text(page.h1) == "Kinder Communities"


def test_home_page_shows_every_paragraph_of_the_brief_word_for_word(demo, client):
    main = soup(client.get("/")).main
    heading, lines = supplied_brief()
    assert len(lines) == 10
    headings = [normalise(h.get_text()) for h in main.find_all("h2")]
    shown = {normalise(element.get_text()) for element in main.find_all(["p", "li"])}
    assert heading in headings
    for line in lines:
        assert line in shown, line


def test_every_strand_has_a_live_page(demo, client):
    for strand in STRANDS:
        page = StrandPage.objects.live().get(slug=strand["slug"])
        assert visible_text(soup(client.get(page.url)).h1) == strand["title"]


def test_brief_links_each_named_strand_to_its_page(demo, client):
    main = soup(client.get("/")).main
    brief_links = {a["href"] for a in main.select(".rich-text a")}
    for strand in STRANDS:
        assert StrandPage.objects.get(slug=strand["slug"]).url in brief_links, strand["slug"]


def test_brief_names_its_people_and_their_pages(demo, client):
    main = soup(client.get("/")).main
    linked = {visible_text(a): a["href"] for a in main.select(".rich-text a")}
    assert linked["Julia Unwin DBE"] == "/people/julia-unwin/"
    assert linked["Dr Elizabeth Kelly"] == "/people/elizabeth-kelly/"


def test_speak_to_shows_the_programme_contacts(demo, client):
    section = soup(client.get("/")).select_one(".speak-to")
    names = [visible_text(a) for a in section.select(".person-card__name a")]
    assert names == ["Jennifer Wallace", "Ben Thurman"]
    assert "Head of Policy, Carnegie UK Trust" in visible_text(section)


def test_no_demo_page_says_placeholder(demo, client):
    paths = [page.url for page in Page.objects.live().public().specific() if page.url]
    assert len(paths) > 25
    for path in [*paths, "/search/?q=kindness"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"placeholder" not in response.content.lower(), path
