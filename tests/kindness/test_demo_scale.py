"""`load_demo_content --scale N` grows the site for benchmarks with content marked as generated.

N is a multiplier: each app ends with N times its real demo content, so `--scale 9` gives
the benchmark's 63 publications, 18 films and 63 people. Scale 2 is enough to show it here
(growing costs seconds, so one test grows once and checks everything).
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kindness.demo import GENERATED_PREFIX
from people.models import PersonPage
from publications.models import FilmPage, PublicationPage
from tests.html import soup, visible_text

GENERATED_NOTE = "Generated for benchmarking"


def counts():
    return (
        PublicationPage.objects.live().count(),
        FilmPage.objects.live().count(),
        PersonPage.objects.live().count(),
    )


def generated(model):
    return list(model.objects.filter(title__startswith=GENERATED_PREFIX))


def load(scale):
    out = StringIO()
    call_command("load_demo_content", scale=scale, stdout=out)
    return out.getvalue()


def test_scale_2_doubles_the_content_with_generated_pages_once(demo, client):
    assert not generated(PersonPage)
    publications, films, people = real = counts()
    assert "pages added" in load(2)
    assert counts() == (2 * publications, 2 * films, 2 * people)

    # Each generated page says so, in its title and in its text.
    assert len(generated(PublicationPage)) == publications
    assert len(generated(FilmPage)) == films
    assert len(generated(PersonPage)) == people
    for page in generated(PublicationPage) + generated(FilmPage):
        assert GENERATED_NOTE in page.summary
    for person in generated(PersonPage):
        assert GENERATED_NOTE in person.biography
    assert not PublicationPage.objects.filter(summary__contains=GENERATED_NOTE).exclude(
        title__startswith=GENERATED_PREFIX
    )

    # They carry what the real ones carry, so grown pages are bigger pages.
    for page in generated(PublicationPage):
        assert page.authors.filter(person__title__startswith=GENERATED_PREFIX).exists()
        assert page.authors.exclude(person__title__startswith=GENERATED_PREFIX).exists()
        assert page.strands.exists()
        assert page.downloads.exists()
    assert any(page.image_id for page in generated(PublicationPage))
    assert all(film.image_id and film.publication_id for film in generated(FilmPage))
    assert any(person.photo_id for person in generated(PersonPage))
    assert GENERATED_PREFIX in visible_text(soup(client.get("/library/")))
    assert GENERATED_PREFIX in visible_text(soup(client.get("/people/")))

    # Growing again to the same scale adds nothing.
    assert "nothing to add" in load(2)
    assert counts() == tuple(2 * count for count in real)


def test_a_scale_below_one_is_refused(demo):
    with pytest.raises(CommandError):
        load(0)
