"""The demo loader adds the programme's reports and films, linked from the landing page."""

from io import StringIO

from django.core.management import call_command

from publications.demo import FILMS, PUBLICATIONS
from publications.models import FilmPage, LibraryItemPage, PublicationPage
from tests.html import soup, visible_text


def test_seven_reports_and_two_films_with_their_facts(demo):
    assert PublicationPage.objects.live().count() == 7
    assert FilmPage.objects.live().count() == 2
    courage = PublicationPage.objects.get(slug="the-courage-to-be-kind")
    assert courage.display_date == "8 December 2020"
    assert [a.display_name for a in courage.authors.all()] == ["Ben Thurman", "Dr Elizabeth Kelly"]
    assert [s.slug for s in courage.strands.all()] == ["kindness-in-health-and-social-care"]
    practice = PublicationPage.objects.get(slug="the-practice-of-kindness")
    assert practice.display_date == "June 2019"
    quantifying = PublicationPage.objects.get(
        slug="quantifying-kindness-public-engagement-and-place"
    )
    assert quantifying.get_publication_type_display() == "Data series"
    film = FilmPage.objects.get(slug="the-place-of-kindness-film")
    assert film.display_date == "2017"
    assert film.publication.slug == "the-place-of-kindness"
    assert film.video_url == ""
    assert film.video_file is None


def test_loading_again_adds_no_publication_film_or_document(demo):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    counts = (LibraryItemPage.objects.count(), Document.objects.count(), Image.objects.count())
    call_command("load_demo_content", stdout=StringIO())
    assert counts == (
        LibraryItemPage.objects.count(),
        Document.objects.count(),
        Image.objects.count(),
    )


def test_landing_page_links_every_report_and_film(demo, client):
    main = soup(client.get("/")).main
    hrefs = {a["href"] for a in main.select(".rich-text a")}
    for item in PUBLICATIONS + FILMS:
        page = LibraryItemPage.objects.get(slug=item["slug"])
        assert page.url in hrefs, item["slug"]


def test_every_demo_report_download_serves_a_pdf(demo, client):
    publications = PublicationPage.objects.live()
    assert publications, "the demo content has publications"
    for publication in publications:
        link = soup(client.get(publication.url)).select_one(".downloads a")
        assert "PDF" in visible_text(link)
        # The link goes through the download counter, which redirects to the file.
        response = client.get(link["href"], follow=True)
        assert response.status_code == 200, publication.slug
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF-")
        assert b"%%EOF" in body[-32:]


def test_demo_films_say_plainly_that_the_recording_and_transcript_are_not_online(demo, client):
    films = FilmPage.objects.live()
    assert films, "the demo content has films"
    for film in films:
        page = soup(client.get(film.url))
        assert not page.find("iframe")
        assert visible_text(page.select_one(".video-pending__note")) == (
            "The film's recording is not online yet, and nor is its transcript."
        )
        assert page.select_one(".video-pending img")["alt"]
        assert not page.select(".transcript")


def test_library_lists_everything_newest_first(demo, client):
    library = soup(client.get("/library/"))
    titles = [visible_text(a) for a in library.select(".card__title a")]
    assert len(titles) == 9
    assert titles[0] == "The courage to be kind"
    assert titles[-1] == "The Place of Kindness (short film)"
