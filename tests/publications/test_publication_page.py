"""A publication page: who wrote it, when, what to download, how to cite it, what else."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from publications.models import DatePrecision, PublicationAuthor, PublicationType
from tests.html import normalise, soup, visible_text
from tests.publications.factories import (
    FilmPageFactory,
    PublicationAuthorFactory,
    PublicationDownloadFactory,
    PublicationPageFactory,
)


@pytest.fixture
def courage(library, strand, ben, elizabeth):
    page = PublicationPageFactory(
        parent=library,
        title="The courage to be kind",
        slug="the-courage-to-be-kind",
        date=datetime.date(2020, 12, 8),
        summary="Medics reflect on kindness in health and social care.",
        strands=[strand],
    )
    PublicationAuthorFactory(page=page, person=ben, sort_order=0)
    PublicationAuthorFactory(page=page, person=elizabeth, sort_order=1)
    PublicationAuthorFactory(page=page, name="Julie Brownlie", sort_order=2)
    PublicationDownloadFactory(page=page, title="Full report")
    return page


def test_page_shows_type_date_authors_and_strand(courage, client, strand):
    page = soup(client.get(courage.url))
    assert visible_text(page.h1) == "The courage to be kind"
    facts = visible_text(page.select_one(".facts"))
    assert "8 December 2020" in facts
    authors = page.select_one(".facts").find_all("li")
    assert [visible_text(li) for li in authors][:3] == [
        "Ben Thurman",
        "Dr Elizabeth Kelly",
        "Julie Brownlie",
    ]
    # People with a page link to it; an outside author is a plain name.
    assert authors[0].a["href"] == "/people/ben-thurman/"
    assert authors[2].a is None
    assert page.select_one(f'.facts a[href="{strand.url}"]')
    assert visible_text(page.select_one(".eyebrow")) == "Report"


@pytest.mark.parametrize(
    ("precision", "shown"),
    [(DatePrecision.DAY, "1 June 2019"), (DatePrecision.MONTH, "June 2019"), ("year", "2019")],
)
def test_date_is_shown_as_precisely_as_it_is_known(library, client, precision, shown):
    page = PublicationPageFactory(
        parent=library, date=datetime.date(2019, 6, 1), date_precision=precision
    )
    assert visible_text(soup(client.get(page.url)).select_one(".facts time")) == shown


def test_each_download_shows_its_title_format_and_size(courage, client):
    link = soup(client.get(courage.url)).select_one(".downloads a")
    document = courage.downloads.get().document
    # Through the download counter (tests/publications/test_downloads.py), to the file.
    assert link["href"] == f"{courage.url}download/1/"
    text = visible_text(link)
    assert text.startswith("Full report")
    assert "PDF" in text
    assert f"{document.file_size} bytes" in text


def test_download_link_serves_the_pdf(courage, client):
    href = soup(client.get(courage.url)).select_one(".downloads a")["href"]
    response = client.get(href, follow=True)
    assert response.redirect_chain == [(courage.downloads.get().document.url, 302)]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-1.4")
    assert body.rstrip().endswith(b"%%EOF")


def test_harvard_citation(courage, client):
    reference = soup(client.get(courage.url)).select_one(".cite__reference")
    assert normalise(reference.get_text()) == (
        "Thurman, B., Kelly, E. and Brownlie, J. (2020) The courage to be kind. "
        "Carnegie UK Trust. Available at: http://localhost/library/the-courage-to-be-kind/"
    )
    assert visible_text(reference.cite) == "The courage to be kind"


def test_citation_without_authors_names_the_organisation(library, client):
    page = PublicationPageFactory(
        parent=library, title="Annual review", date=datetime.date(2021, 3, 1)
    )
    reference = normalise(soup(client.get(page.url)).select_one(".cite__reference").get_text())
    assert reference.startswith("Carnegie UK Trust (2021) Annual review. Available at:")


def test_bibtex_download(courage, client):
    link = soup(client.get(courage.url)).select_one("a.cite__bibtex")
    assert link["href"] == "/library/the-courage-to-be-kind/bibtex/"
    response = client.get(link["href"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert 'filename="the-courage-to-be-kind.bib"' in response["Content-Disposition"]
    assert response.content.decode() == (
        "@techreport{thurman2020courage,\n"
        "  author = {Thurman, Ben and Kelly, Elizabeth and Brownlie, Julie},\n"
        "  title = {{The courage to be kind}},\n"
        "  institution = {Carnegie UK Trust},\n"
        "  type = {Report},\n"
        "  year = {2020},\n"
        "  month = dec,\n"
        "  url = {http://localhost/library/the-courage-to-be-kind/},\n"
        "}\n"
    )


def test_bibtex_escapes_special_characters_and_omits_unknown_month(library, client):
    page = PublicationPageFactory(
        parent=library,
        title="Kindness & 100% {data}",
        slug="kindness-data",
        date=datetime.date(2018, 1, 1),
        date_precision=DatePrecision.YEAR,
    )
    PublicationAuthorFactory(page=page, name="Zoë Ferguson")
    text = client.get(page.url + "bibtex/").content.decode()
    assert r"title = {{Kindness \& 100\% \{data\}}}," in text
    assert "author = {Ferguson, Zoë}," in text
    assert "month" not in text
    assert text.startswith("@techreport{ferguson2018kindness,")


def json_ld(response):
    blocks = soup(response).select('script[type="application/ld+json"]')
    return [json.loads(block.string) for block in blocks]


def test_json_ld_describes_the_report(courage, client):
    (data,) = [d for d in json_ld(client.get(courage.url)) if d.get("@type") == "Report"]
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "The courage to be kind"
    assert data["datePublished"] == "2020-12-08"
    assert data["url"] == "http://localhost/library/the-courage-to-be-kind/"
    assert data["author"] == [
        {"@type": "Person", "name": "Ben Thurman", "url": "http://localhost/people/ben-thurman/"},
        {
            "@type": "Person",
            "name": "Elizabeth Kelly",
            "url": "http://localhost/people/elizabeth-kelly/",
        },
        {"@type": "Person", "name": "Julie Brownlie"},
    ]
    assert data["publisher"] == {"@type": "Organization", "name": "Carnegie UK Trust"}


def test_json_ld_of_a_data_series_is_a_creative_work_with_a_partial_date(library, client):
    page = PublicationPageFactory(
        parent=library,
        publication_type=PublicationType.DATA_SERIES,
        date=datetime.date(2019, 6, 1),
        date_precision=DatePrecision.MONTH,
    )
    (data,) = json_ld(client.get(page.url))
    assert data["@type"] == "CreativeWork"
    assert data["datePublished"] == "2019-06"


def test_related_content_other_publications_of_the_strand_and_the_film(
    courage, library, strand, other_strand, client
):
    sibling = PublicationPageFactory(parent=library, title="Same strand", strands=[strand])
    PublicationPageFactory(parent=library, title="Other strand", strands=[other_strand])
    film = FilmPageFactory(parent=library, title="The film", publication=courage)
    page = soup(client.get(courage.url))
    related = [visible_text(a) for a in page.select(".related .card__title a")]
    assert related == [sibling.title]
    assert page.select_one(f'a[href="{film.url}"]')


def test_an_author_is_a_person_or_a_name_but_not_both(courage, ben):
    with pytest.raises(ValidationError):
        PublicationAuthor(page=courage, person=ben, name="Ben Thurman").full_clean()
    with pytest.raises(ValidationError):
        PublicationAuthor(page=courage).full_clean()
    PublicationAuthor(page=courage, name="Julie Brownlie").full_clean()
    PublicationAuthor(page=courage, person=ben).full_clean()


def test_a_cover_image_needs_a_description(courage):
    import wagtail_factories

    courage.image = wagtail_factories.ImageFactory(title="Cover", description="")
    with pytest.raises(ValidationError) as error:
        courage.full_clean()
    assert error.value.message_dict["image"] == [
        "The description of the image 'Cover' is empty. Pages use it as the picture's alt "
        "text, for people who cannot see it: edit the image under Images and describe what it "
        "shows, then save again."
    ]
    courage.image.description = "cover.png"
    with pytest.raises(ValidationError):
        courage.full_clean()
    courage.image.description = "The report's cover: hands holding a cup of tea"
    courage.full_clean()


def test_the_cover_is_shown_with_the_image_description_as_its_alt_text(courage, library, client):
    import wagtail_factories

    courage.image = wagtail_factories.ImageFactory(description="Hands holding a cup of tea")
    courage.save_revision().publish()
    cover = soup(client.get(courage.url)).select_one("img.publication-header__cover")
    assert cover["alt"] == "Hands holding a cup of tea"
    card = soup(client.get(library.url)).select_one("img.library-card__image")
    assert card["alt"] == "Hands holding a cup of tea"
