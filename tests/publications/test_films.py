"""Film pages: a privacy facade for hosted video, a native player for files, a transcript."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.test.utils.form_data import nested_form_data, rich_text

from publications.models import FilmPage
from tests.html import soup, visible_text
from tests.publications.factories import FilmPageFactory, PublicationPageFactory

VIDEO_HOSTS = ("youtube", "youtu.be", "vimeo", "ytimg", "googlevideo")


def document(name, content=b"data"):
    return Document.objects.create(title=name, file=ContentFile(content, name=name))


def loaded_urls(page):
    """Every address the page would load without a click: scripts, images, frames, media."""
    urls = []
    for tag, attribute in [
        ("script", "src"),
        ("img", "src"),
        ("source", "src"),
        ("source", "srcset"),
        ("iframe", "src"),
        ("link", "href"),
        ("video", "src"),
        ("video", "poster"),
        ("track", "src"),
    ]:
        urls += [node[attribute] for node in page.find_all(tag) if node.get(attribute)]
    return urls


def test_youtube_address_renders_a_facade_and_nothing_from_youtube(library, strand, client):
    film = FilmPageFactory(
        parent=library,
        title="The Practice of Kindness",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        strands=[strand],
    )
    page = soup(client.get(film.url))
    assert not page.find("iframe")
    assert not [url for url in loaded_urls(page) if any(h in url for h in VIDEO_HOSTS)]
    facade = page.select_one("[data-video-facade]")
    assert facade["data-embed-url"].startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    play = facade.select_one("a.video-facade__play")
    # Without JavaScript the play button is a plain link to the video.
    assert play["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "Play the film" in visible_text(play)
    assert page.select_one('script[src$="js/video-facade.js"]')


@pytest.mark.parametrize(
    ("address", "embed"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?"),
        (
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
    ],
)
def test_each_host_plays_from_its_privacy_enhanced_address(library, client, address, embed):
    film = FilmPageFactory(parent=library, video_url=address)
    facade = soup(client.get(film.url)).select_one("[data-video-facade]")
    assert facade["data-embed-url"].startswith(embed)


@pytest.mark.parametrize(
    "address",
    [
        "https://example.com/video.mp4",
        "https://www.youtube.com/watch?v=short",
        "https://vimeo.com/channels/staffpicks",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/ééééééééééé",
        "https://vimeo.com/١٢٣",
    ],
)
def test_only_youtube_and_vimeo_addresses_are_accepted(library, address):
    film = FilmPageFactory.build(
        title="A film", slug="a-film", date=datetime.date(2020, 1, 1), video_url=address
    )
    film.summary = "A film."
    with pytest.raises(ValidationError) as error:
        film.clean_fields()
    assert "video_url" in error.value.message_dict


def test_uploaded_video_plays_natively_with_captions(library, client):
    video = document("film.mp4")
    captions = document("film.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n")
    film = FilmPageFactory(parent=library, video_file=video, captions=captions)
    page = soup(client.get(film.url))
    player = page.select_one("video")
    assert player.has_attr("controls")
    assert player.source["src"] == video.url
    assert player.source["type"] == "video/mp4"
    track = player.track
    assert track["kind"] == "captions"
    assert track["src"] == captions.url
    assert track["srclang"] == "en"
    assert not page.find("iframe")
    assert not page.select("[data-video-facade]")


def test_captions_must_be_webvtt_and_video_mp4_or_webm(library):
    film = FilmPageFactory(parent=library)
    film.video_file = document("film.mp4")
    film.captions = document("captions.srt")
    with pytest.raises(ValidationError) as error:
        film.full_clean()
    assert "captions" in error.value.message_dict
    film.video_file = document("film.avi")
    film.captions = None
    with pytest.raises(ValidationError) as error:
        film.full_clean()
    assert "video_file" in error.value.message_dict


def test_a_film_has_an_address_or_a_file_not_both(library):
    film = FilmPageFactory(parent=library)
    film.video_url = "https://vimeo.com/76979871"
    film.video_file = document("film.mp4")
    with pytest.raises(ValidationError):
        film.full_clean()


def test_film_without_a_video_renders_well(library, client):
    publication = PublicationPageFactory(parent=library, title="The Place of Kindness")
    film = FilmPageFactory(parent=library, title="The Place of Kindness (short film)")
    film.publication = publication
    film.save_revision().publish()
    page = soup(client.get(film.url))
    assert not page.find("iframe")
    assert not page.find("video")
    assert visible_text(page.select_one(".video-pending__note")) == (
        "The film's recording is not online yet. Its transcript is below."
    )
    assert "Everything said in the film." in visible_text(page.select_one(".transcript"))
    assert page.select_one(f'.facts a[href="{publication.url}"]')
    assert not page.select('script[src$="video-facade.js"]')


def test_video_object_json_ld(library, client):
    film = FilmPageFactory(
        parent=library,
        title="The Practice of Kindness",
        date=datetime.date(2019, 6, 1),
        date_precision="month",
        duration=datetime.timedelta(minutes=4, seconds=30),
        video_url="https://vimeo.com/76979871",
    )
    page = soup(client.get(film.url))
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "VideoObject"
    assert data["name"] == "The Practice of Kindness"
    assert data["uploadDate"] == "2019-06"
    assert data["duration"] == "PT4M30S"
    assert data["embedUrl"].startswith("https://player.vimeo.com/video/76979871")
    assert data["transcript"] == "Everything said in the film."
    assert data["publisher"]["name"] == "Carnegie UK Trust"
    assert "4 min 30 s" in visible_text(page.select_one(".facts"))


@pytest.mark.parametrize("transcript", ["", "<p></p>", '<p data-block-key="x"> </p>'])
def test_a_film_with_a_video_needs_a_transcript_to_publish(library, transcript):
    film = FilmPageFactory(parent=library, live=False, transcript="<p>Draft</p>")
    film.video_url = "https://vimeo.com/76979871"
    film.transcript = transcript
    with pytest.raises(ValidationError) as error:
        film.save_revision().publish()
    assert "transcript" in error.value.message_dict
    assert not FilmPage.objects.get(pk=film.pk).live


def film_form(**fields):
    data = {
        "title": "Kindness on film",
        "slug": "kindness-on-film",
        "date": "2021-05-01",
        "date_precision": "day",
        "summary": "A film about kindness.",
        "image": "",
        "video_url": "",
        "video_file": "",
        "captions": "",
        "duration": "",
        "publication": "",
        "transcript": rich_text(""),
    }
    data.update(fields)
    return nested_form_data(data)


def test_a_film_without_a_recording_is_published_without_a_transcript(library, client):
    film = FilmPageFactory(parent=library, live=False, transcript="<p></p>")
    film.save_revision().publish()
    assert FilmPage.objects.get(pk=film.pk).live
    page = soup(client.get(film.url))
    assert visible_text(page.select_one(".video-pending__note")) == (
        "The film's recording is not online yet, and nor is its transcript."
    )
    assert not page.select(".transcript")
    assert "transcript" not in video_object(page)


def video_object(page):
    blocks = [
        json.loads(script.string) for script in page.select('script[type="application/ld+json"]')
    ]
    [video] = [data for data in blocks if data.get("@type") == "VideoObject"]
    return video


def test_approver_can_publish_a_film_whose_recording_is_not_online_yet(library, approver):
    add_url = f"/admin/pages/add/publications/filmpage/{library.pk}/"
    response = approver.post(add_url, film_form(**{"action-publish": "publish"}))
    assert response.status_code == 302, response.context["form"].errors
    assert FilmPage.objects.get(slug="kindness-on-film").live


def test_approver_can_save_a_draft_without_a_transcript_but_not_publish(library, approver):
    add_url = f"/admin/pages/add/publications/filmpage/{library.pk}/"
    with_video = {"video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}
    response = approver.post(add_url, film_form(**with_video, **{"action-publish": "publish"}))
    assert response.status_code == 200
    assert not FilmPage.objects.filter(slug="kindness-on-film").exists()

    response = approver.post(add_url, film_form(**with_video))
    assert response.status_code == 302, response.context["form"].errors
    film = FilmPage.objects.get(slug="kindness-on-film")
    assert not film.live

    edit_url = f"/admin/pages/{film.pk}/edit/"
    response = approver.post(edit_url, film_form(**with_video, **{"action-publish": "publish"}))
    assert response.status_code == 200
    assert "transcript" in response.context["form"].errors
    assert not FilmPage.objects.get(pk=film.pk).live

    response = approver.post(
        edit_url,
        film_form(
            transcript=rich_text("<p>Everything said.</p>"),
            **with_video,
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 302
    assert FilmPage.objects.get(pk=film.pk).live


def test_a_draft_of_a_live_film_may_drop_its_transcript_but_cannot_be_published(library, approver):
    film = FilmPageFactory(parent=library, video_url="https://vimeo.com/76979871")
    film.save_revision().publish()
    edit_url = f"/admin/pages/{film.pk}/edit/"
    draft = film_form(title=film.title, slug=film.slug, video_url=film.video_url)
    assert approver.post(edit_url, draft).status_code == 302
    response = approver.post(
        edit_url,
        film_form(
            title=film.title,
            slug=film.slug,
            video_url=film.video_url,
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 200
    assert "transcript" in response.context["form"].errors
    assert FilmPage.objects.get(pk=film.pk).transcript == "<p>Everything said in the film.</p>"
