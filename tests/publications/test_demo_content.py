"""The demo loader adds the programme's reports and films, linked from the landing page."""

from io import StringIO

from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents.models import Document

from publications import pdf
from publications.demo import FILMS, PUBLICATIONS, STAND_IN_NOTE, make_pdf
from publications.models import FilmPage, LibraryItemPage, PublicationPage
from tests.html import soup, visible_text
from tests.publications.factories import PdfDocumentFactory


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


def test_a_demo_report_offers_only_the_pdf_made_from_its_text(demo, client):
    """No stand-in "Full report": a report with its text on the site offers the PDF made
    from it, and the others offer nothing they do not have."""
    publications = PublicationPage.objects.live()
    assert publications, "the demo content has publications"
    offering = set()
    for publication in publications:
        links = soup(client.get(publication.url)).select(".downloads a")
        if publication.report:
            offering.add(publication.slug)
            (link,) = links
            assert visible_text(link).startswith(f"{pdf.DOWNLOAD_TITLE} (PDF, ")
            # The link goes through the download counter, which redirects to the file.
            response = client.get(link["href"], follow=True)
            assert response.status_code == 200, publication.slug
            body = b"".join(response.streaming_content)
            assert body.startswith(b"%PDF-")
            assert b"%%EOF" in body[-32:]
        else:
            assert links == [], publication.slug
    assert offering == {"quantifying-kindness-public-engagement-and-place"}
    assert not Document.objects.filter(title__endswith="(full report)").exists()


def offer_the_old_stand_in(slug):
    """What earlier versions of the loader did: a one-page "Full report" saying it stands in."""
    page = PublicationPage.objects.get(slug=slug)
    pdf_bytes = make_pdf("Kinder Communities", [page.title, "", STAND_IN_NOTE])
    document = Document.objects.create(
        title=f"{page.title} (full report)",
        file=ContentFile(pdf_bytes, name=f"{slug}.pdf"),
        file_size=len(pdf_bytes),
    )
    page.downloads.add(page.downloads.model(document=document, title="Full report"))
    page.save_revision().publish()
    return document


def test_loading_again_takes_the_old_stand_ins_out_and_keeps_editors_work(demo, client, caplog):
    place, practice, courage, scotland = (
        offer_the_old_stand_in(slug)
        for slug in (
            "the-place-of-kindness",
            "the-practice-of-kindness",
            "the-courage-to-be-kind",
            "public-policy-and-the-infrastructure-of-kindness-in-scotland",
        )
    )
    # An editor has a draft of one report, uploaded the real full report in place of the
    # stand-in on another, and added a file of their own beside it on a third.
    drafted = PublicationPage.objects.get(slug="the-practice-of-kindness")
    drafted.summary = "An editor's new summary, not yet published."
    drafted.save_revision()
    real = b"%PDF-1.7 the real full report, uploaded by an editor"
    courage.file.save("the-courage-to-be-kind-full.pdf", ContentFile(real))
    scotland_page = PublicationPage.objects.get(
        slug="public-policy-and-the-infrastructure-of-kindness-in-scotland"
    )
    appendix = PdfDocumentFactory(title="Appendix")
    scotland_page.downloads.add(scotland_page.downloads.model(document=appendix, title="Appendix"))
    scotland_page.save_revision().publish()

    with caplog.at_level("WARNING", logger="publications.demo"):
        call_command("load_demo_content", stdout=StringIO())

    def offered(slug):
        """The titles of the downloads the live page offers, without format and size."""
        page = PublicationPage.objects.get(slug=slug)
        links = soup(client.get(page.url)).select(".downloads a")
        return [visible_text(link).split(" (")[0] for link in links]

    assert offered("the-place-of-kindness") == []
    assert not Document.objects.filter(pk=place.pk).exists()
    assert offered(scotland_page.slug) == ["Appendix"]
    assert not Document.objects.filter(pk=scotland.pk).exists()
    # The live page is what the latest revision says: publishing it again changes nothing.
    page = PublicationPage.objects.get(slug="the-place-of-kindness")
    assert not page.has_unpublished_changes
    assert page.get_latest_revision_as_object().downloads.count() == 0
    # Kept: the draft, untouched, with its stand-in (and a warning to take it out by hand),
    # and the editor's real upload.
    drafted.refresh_from_db()
    assert drafted.has_unpublished_changes
    assert drafted.get_latest_revision_as_object().summary.startswith("An editor's new")
    assert offered("the-practice-of-kindness") == ["Full report"]
    assert Document.objects.filter(pk=practice.pk).exists()
    assert "the-practice-of-kindness" in caplog.text
    assert offered("the-courage-to-be-kind") == ["Full report"]
    assert Document.objects.filter(pk=courage.pk).exists()


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
