"""Content pages: the site's own pages of text, and the footer links to them."""

from people.models import PersonPage
from programme.models import ContentPage
from tests.html import soup, visible_text
from tests.people.factories import PersonPageFactory
from tests.programme.factories import ContentPageFactory


def footer_links(response):
    nav = soup(response).select_one("footer nav.footer-links")
    if nav is None:
        return []
    return [(visible_text(a), a["href"]) for a in nav.select("a")]


def test_content_pages_go_under_the_home_page_and_nowhere_else(home, strand_index):
    assert ContentPage.can_create_at(home)
    assert not ContentPage.can_create_at(strand_index)
    assert ContentPage.allowed_subpage_models() == []
    # More than one: about, privacy and accessibility at least.
    ContentPageFactory(parent=home)
    assert ContentPage.can_create_at(home)


def test_a_content_page_shows_its_text_people_and_share_links(home, people_index, client):
    person = PersonPageFactory(parent=people_index, title="Jennifer Wallace", role="Head of Policy")
    page = ContentPageFactory(
        parent=home,
        title="About the programme",
        introduction="Why the programme exists.",
        body=[
            ("heading", {"text": "What it does", "level": "h2"}),
            ("paragraph", "<p>It encourages <b>kindness</b>.</p>"),
            ("speak_to", {"heading": "Speak to", "people": [person]}),
        ],
    )
    page.save_revision().publish()
    main = soup(client.get(page.url)).main
    assert visible_text(main.h1) == "About the programme"
    assert visible_text(main.select_one(".lede")) == "Why the programme exists."
    assert [visible_text(h) for h in main.select("h2.block-heading")] == [
        "What it does",
        "Speak to",
    ]
    assert main.select_one(".rich-text b").get_text() == "kindness"
    assert main.select_one(".speak-to a[href='/people/jennifer-wallace/']")
    assert main.select_one("section.share a.share__link")
    published = ContentPage.objects.get(pk=page.pk).last_published_at
    assert main.select_one(".last-updated time")["datetime"] == published.strftime("%Y-%m-%d")


def test_the_footer_links_ticked_live_pages_in_the_explorers_order(home, client):
    ContentPageFactory(parent=home, title="Privacy notice", slug="privacy", show_in_footer=True)
    ContentPageFactory(parent=home, title="Not in the footer", show_in_footer=False)
    ContentPageFactory(parent=home, title="Draft", show_in_footer=True, live=False)
    ContentPageFactory(
        parent=home, title="Accessibility statement", slug="accessibility", show_in_footer=True
    )
    assert footer_links(client.get("/")) == [
        ("Privacy notice", "/privacy/"),
        ("Accessibility statement", "/accessibility/"),
    ]


def test_the_footer_has_no_empty_list_while_no_page_is_ticked(home, client):
    ContentPageFactory(parent=home, show_in_footer=False)
    assert soup(client.get("/")).select_one("footer nav") is None


def test_the_footer_costs_one_query_however_many_pages_it_links(
    home, client, django_assert_max_num_queries
):
    ContentPageFactory(parent=home, show_in_footer=True)
    with django_assert_max_num_queries(100) as few:
        client.get("/")
    for _ in range(10):
        ContentPageFactory(parent=home, show_in_footer=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(footer_links(client.get("/"))) == 11


def test_speak_to_on_a_content_page_skips_an_unpublished_person(home, people_index, client):
    person = PersonPageFactory(parent=people_index, title="Ben Thurman")
    page = ContentPageFactory(
        parent=home, body=[("speak_to", {"heading": "Speak to", "people": [person]})]
    )
    PersonPage.objects.filter(pk=person.pk).update(live=False)
    assert not soup(client.get(page.url)).select(".speak-to li")
