"""The demo-content loader puts the programme's real text into real pages, once."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from programme.demo import BRIEF_FILE, STRANDS, read_brief
from programme.models import HomePage, StrandPage
from tests.html import normalise, soup, visible_text

SHARED_BRIEF = Path(__file__).resolve().parents[3] / "shared" / "content" / "brief.md"


@pytest.fixture
def loaded(db):
    call_command("load_demo_content", stdout=StringIO())
    return HomePage.objects.get()


def test_project_copy_of_the_brief_matches_the_programme_teams_text():
    if not SHARED_BRIEF.exists():
        pytest.skip("the shared content folder is not beside this checkout")
    assert BRIEF_FILE.read_text(encoding="utf-8") == SHARED_BRIEF.read_text(encoding="utf-8")


def test_loading_twice_adds_nothing_the_second_time(db, capsys):
    call_command("load_demo_content")
    pages = Page.objects.count()
    call_command("load_demo_content")
    assert Page.objects.count() == pages
    assert "nothing to add" in capsys.readouterr().out


def test_loading_again_keeps_an_editors_changes(loaded):
    loaded.introduction = "Edited by the programme team."
    loaded.save_revision().publish()
    call_command("load_demo_content", stdout=StringIO())
    assert HomePage.objects.get().introduction == "Edited by the programme team."


def test_home_page_is_the_site_root(loaded, client):
    page = soup(client.get("/"))
    assert visible_text(page.h1) == "Kinder Communities"


def test_home_page_shows_every_paragraph_of_the_brief_word_for_word(loaded, client):
    main = soup(client.get("/")).main
    brief = read_brief()
    headings = [normalise(h.get_text()) for h in main.find_all("h2")]
    paragraphs = [normalise(p.get_text()) for p in main.find_all("p")]
    assert brief["heading"] in headings
    for paragraph in brief["paragraphs"] + brief["bullets"]:
        assert normalise(paragraph) in paragraphs


def test_every_strand_has_a_live_page(loaded, client):
    for strand in STRANDS:
        page = StrandPage.objects.live().get(slug=strand["slug"])
        assert visible_text(soup(client.get(page.url)).h1) == strand["title"]


def test_brief_links_each_named_strand_to_its_page(loaded, client):
    main = soup(client.get("/")).main
    brief_links = {a["href"] for a in main.select(".rich-text a")}
    for strand in STRANDS:
        assert StrandPage.objects.get(slug=strand["slug"]).url in brief_links, strand["slug"]


def test_brief_names_its_people_and_their_pages(loaded, client):
    main = soup(client.get("/")).main
    linked = {visible_text(a): a["href"] for a in main.select(".rich-text a")}
    assert linked["Julia Unwin DBE"] == "/people/julia-unwin/"
    assert linked["Dr Elizabeth Kelly"] == "/people/elizabeth-kelly/"


def test_speak_to_shows_the_programme_contacts(loaded, client):
    section = soup(client.get("/")).select_one(".speak-to")
    names = [visible_text(a) for a in section.select(".person-card__name a")]
    assert names == ["Jennifer Wallace", "Ben Thurman"]
    assert "Head of Policy, Carnegie UK Trust" in visible_text(section)
