"""The page cache: what it keeps, what it never keeps, and what a publish makes it forget.

Every test reads the `X-Cache` header the cache adds (hit, miss or bypass) and, where it
matters, the page a reader gets after an editor's change.
"""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings
from django.urls import path
from wagtail.models import Page, PageViewRestriction, Site

from kindness.urls import urlpatterns as site_urlpatterns
from people.models import PersonPage
from publications.models import PublicationPage
from tests.servers import free_port, start_redis, stop_redis


def title(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(" ", strip=True)


def twice(client, url, **extra):
    """The X-Cache of a first and a second anonymous request for the same address."""
    return [client.get(url, **extra)["X-Cache"] for _ in range(2)]


def warm(client, urls):
    """Each address read once, so that the next read is a hit: checked."""
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url


def publish_title(page, new_title):
    page.title = new_title
    page.save_revision().publish()


def test_an_anonymous_reader_is_served_the_same_page_from_the_cache(demo, client):
    first = client.get("/programme/")
    second = client.get("/programme/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    # A hit is sent with the same security headers as a freshly rendered page.
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"):
        assert second[header] == first[header]


def test_a_hit_needs_no_database_query(demo, client, django_assert_num_queries):
    client.get("/library/")
    with django_assert_num_queries(0):
        assert client.get("/library/")["X-Cache"] == "hit"


def test_head_is_answered_from_what_a_get_stored(demo, client):
    assert client.head("/people/")["X-Cache"] == "miss"
    client.get("/people/")
    head = client.head("/people/")
    assert head["X-Cache"] == "hit"
    assert head.status_code == 200
    assert head.content == b""


def test_query_strings_are_cached_normalised(demo, client):
    assert client.get("/library/?type=report&strand=1")["X-Cache"] == "miss"
    # The same filters in another order, with a tracking tag and an empty field.
    same = "/library/?strand=1&utm_source=newsletter&q=&type=report"
    assert client.get(same)["X-Cache"] == "hit"
    assert client.get("/library/?type=film&strand=1")["X-Cache"] == "miss"
    assert twice(client, "/search/?q=kindness") == ["miss", "hit"]
    assert client.get("/search/?q=loneliness")["X-Cache"] == "miss"


def test_search_results_are_cached_per_query(demo, client):
    kindness = client.get("/search/?q=kindness")
    client.get("/search/?q=loneliness")
    again = client.get("/search/?q=kindness")
    assert again["X-Cache"] == "hit"
    assert again.content == kindness.content


def test_a_signed_in_editor_is_never_served_or_stored(demo, editor):
    response = editor.get("/programme/")
    assert response["X-Cache"] == "bypass"
    assert editor.get("/programme/")["X-Cache"] == "bypass"
    # The editor's view was not kept for anyone else.
    editor.logout()
    editor.cookies.clear()
    assert editor.get("/programme/")["X-Cache"] == "miss"


def test_an_anonymous_page_is_not_served_to_an_editor(demo, client, editor_account):
    client.get("/programme/")
    client.force_login(editor_account)
    assert client.get("/programme/")["X-Cache"] == "bypass"


def test_a_preview_is_never_served_from_or_kept_in_the_cache(demo, client):
    strand = Page.objects.get(url_path="/home/programme/kinder-communities/").specific
    # The site's own host name, which Wagtail's preview request carries too.
    client.defaults["HTTP_HOST"] = "localhost"
    client.get(strand.url)
    assert client.get(strand.url)["X-Cache"] == "hit"
    strand.title = "A draft title no reader should see"
    # Wagtail renders a preview through the middleware, with a request of its own.
    preview = strand.make_preview_request()
    assert preview["X-Cache"] == "bypass"
    assert title(preview) == "A draft title no reader should see"
    reader = client.get(strand.url)
    assert reader["X-Cache"] == "hit"
    assert "A draft title" not in title(reader)


def test_posts_and_the_newsletters_pages_are_never_cached(demo, client):
    for url in ("/newsletter/", "/newsletter/check-your-email/"):
        assert twice(client, url) == ["bypass", "bypass"], url
    # A signup with errors answers the post itself; the form page stays uncached after it.
    error = client.post("/newsletter/", {"email": "not an address"})
    assert error["X-Cache"] == "bypass"
    assert "no-store" in error["Cache-Control"]
    assert client.get("/newsletter/")["X-Cache"] == "bypass"


def test_errors_and_the_admin_are_never_cached(demo, client):
    assert twice(client, "/no-such-page/") == ["bypass", "bypass"]
    assert twice(client, "/admin/login/") == ["bypass", "bypass"]


def sets_a_cookie(request):
    from django.http import HttpResponse

    response = HttpResponse("<p>A page that remembers you</p>")
    response.set_cookie("remember", "yes")
    return response


urlpatterns = [path("remember/", sets_a_cookie), *site_urlpatterns]


@pytest.mark.urls(__name__)
def test_a_response_that_sets_a_cookie_is_never_cached(demo, client):
    first = client.get("/remember/")
    assert first.cookies["remember"].value == "yes"
    client.cookies.clear()
    second = client.get("/remember/")
    assert [first["X-Cache"], second["X-Cache"]] == ["bypass", "bypass"]
    assert second.cookies["remember"].value == "yes"


def test_publishing_shows_at_once_on_the_page_its_parents_the_library_and_feed(demo, client):
    publication = PublicationPage.objects.live().first()
    urls = [
        *(publication.url, "/library/", "/feed/", "/", "/search/?q=kindness"),
        *("/sitemap.xml", "/sitemap-publications.xml", "/library-authors.json"),
    ]
    warm(client, urls)
    publish_title(publication, "A retitled report")
    for url in urls:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
    assert title(client.get(publication.url)) == "A retitled report"
    assert "A retitled report" in client.get("/library/").content.decode()
    assert "A retitled report" in client.get("/feed/").content.decode()
    # A page that neither is, contains nor references the report is still cached.
    assert client.get("/people/")["X-Cache"] in {"miss", "hit"}
    client.get("/people/")
    publish_title(publication, "Retitled again")
    assert client.get("/people/")["X-Cache"] == "hit"


def test_publishing_refreshes_the_pages_that_reference_it(demo, client):
    publication = PublicationPage.objects.live().filter(authors__person__isnull=False).first()
    person = publication.authors.exclude(person=None).first().person.specific
    client.get(publication.url)
    assert client.get(publication.url)["X-Cache"] == "hit"
    person.title = "Dr Renamed Author"
    person.save_revision().publish()
    response = client.get(publication.url)
    assert response["X-Cache"] == "miss"
    assert "Dr Renamed Author" in response.content.decode()


def test_publishing_refreshes_the_strands_and_authors_that_list_it(demo, client):
    publication = PublicationPage.objects.live().filter(authors__person__isnull=False).first()
    lists = [publication.strands.first(), publication.authors.exclude(person=None).first().person]
    assert None not in lists
    urls = [page.url for page in lists]
    warm(client, urls)
    publish_title(publication, "A retitled report")
    for url in urls:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
        assert "A retitled report" in response.content.decode(), url


def test_unpublishing_and_deleting_take_the_page_away_at_once(demo, client):
    first, second = PersonPage.objects.live()[:2]
    for page in (first, second):
        client.get(page.url)
        client.get("/people/")
        assert client.get(page.url)["X-Cache"] == "hit"
    url_first, url_second = first.url, second.url
    first.unpublish()
    assert client.get(url_first).status_code == 404
    assert first.title not in client.get("/people/").content.decode()
    second.delete()
    assert client.get(url_second).status_code == 404
    assert second.title not in client.get("/people/").content.decode()


def test_making_a_page_private_takes_it_out_of_the_cache_at_once(demo, client):
    person = PersonPage.objects.live().first()
    for url in (person.url, "/people/"):
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url
    restriction = PageViewRestriction.objects.create(
        page=person, restriction_type=PageViewRestriction.PASSWORD, password="kind-words"
    )
    private = client.get(person.url)
    assert private["X-Cache"] != "hit"
    assert person.title not in title(private)
    assert 'type="password"' in private.content.decode()
    assert client.get("/people/")["X-Cache"] == "miss"
    restriction.delete()
    public = client.get(person.url)
    assert (public["X-Cache"], title(public)) == ("miss", person.title)


def test_moving_a_page_shows_it_at_its_new_address(demo, client):
    person = PersonPage.objects.live().first()
    old_url = person.url
    client.get(old_url)
    assert client.get(old_url)["X-Cache"] == "hit"
    about = Page.objects.get(url_path="/home/about/")
    person.move(about, pos="last-child")
    # Wagtail leaves a redirect behind, which only an uncached request can find.
    old = client.get(old_url)
    assert (old.status_code, old["Location"]) == (301, f"/about/{person.slug}/")
    moved = client.get(f"/about/{person.slug}/")
    assert moved.status_code == 200
    assert title(moved) == person.title


# A site setting's model, a field of it, the words written there, a page and the words the
# page then shows.
SETTINGS_CHANGES = [
    (
        "kindness.SiteSettings",
        "footer_text",
        "A footer written today",
        "/library/",
        "A footer written today",
    ),
    # Every app's site settings, not only the site's own: the signup form's wording.
    (
        "newsletter.NewsletterSettings",
        "consent_text",
        "Yes, send me the programme's news, written today.",
        "/people/",
        "written today",
    ),
]


@pytest.mark.parametrize(("model", "field", "text", "url", "shown"), SETTINGS_CHANGES)
def test_site_settings_change_every_page(demo, client, model, field, text, url, shown):
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    settings = apps.get_model(model).for_site(Site.objects.get(is_default_site=True))
    setattr(settings, field, text)
    settings.save()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert shown in response.content.decode()


def redis_cache(url):
    return {"default": {"BACKEND": "delivery.redis_cache.ResilientRedisCache", "LOCATION": url}}


@pytest.fixture
def redis_url(tmp_path):
    """A Redis server of our own, on a free port, for as long as the test runs."""
    port = free_port()
    process = start_redis(port, tmp_path)
    yield f"redis://127.0.0.1:{port}/0"
    stop_redis(process)


def test_with_redis_pages_are_kept_there_and_a_publish_reaches_every_instance(
    demo, client, redis_url
):
    from django.core.cache import caches

    with override_settings(CACHES=redis_cache(redis_url)):
        client.get("/programme/")
        assert client.get("/programme/")["X-Cache"] == "hit"
        keys = caches["default"]._cache.get_client().keys("*page-cache:response:*")
        assert keys, "the page was not stored in Redis"
        strand_index = Page.objects.get(url_path="/home/programme/").specific
        publish_title(strand_index, "The programme, retitled")
        response = client.get("/programme/")
        assert response["X-Cache"] == "miss"
        assert title(response) == "The programme, retitled"


def test_a_charts_download_is_cached_with_its_etag_and_goes_with_its_page(demo, client):
    report = PublicationPage.objects.get(slug="quantifying-kindness-public-engagement-and-place")
    html = BeautifulSoup(client.get(report.url).content, "html.parser")
    csv_url = html.select_one(".chart__download a")["href"]
    first = client.get(csv_url)
    assert first["X-Cache"] == "miss"
    again = client.get(csv_url, headers={"if-none-match": first["ETag"]})
    assert (again.status_code, again["X-Cache"]) == (304, "hit")
    report.unpublish()
    assert client.get(csv_url).status_code == 404


def test_after_a_deploy_every_cached_page_can_be_forgotten(demo, client):
    for url in ("/", "/library/", "/programme/"):
        assert twice(client, url) == ["miss", "hit"]
    call_command("forget_cached_pages", stdout=StringIO())
    for url in ("/", "/library/", "/programme/"):
        assert client.get(url)["X-Cache"] == "miss"
