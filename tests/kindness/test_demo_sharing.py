"""The demo content gives every page a share card and keeps the Facebook link hidden."""

from io import StringIO

from django.core.management import call_command
from wagtail.images.models import Image

from kindness.demo import SHARE_IMAGE_TITLE
from tests.html import soup


def test_demo_pages_share_their_own_card(demo, client):
    """Drawn by the worker the set-up ran (tests/social_cards/); the site's branded image is
    the one a page shares until then."""
    html = soup(client.get("/programme/kinder-communities/"))
    image = html.find("meta", attrs={"property": "og:image"})["content"]
    assert image.startswith("http://localhost/media/social-cards/")
    assert html.find("meta", attrs={"property": "og:image:alt"})["content"]
    assert html.find("meta", attrs={"property": "og:description"})["content"]


def test_the_facebook_address_is_unknown_so_no_follow_link_shows(demo, client):
    html = soup(client.get("/"))
    assert not [a for a in html.find_all("a") if "Follow" in a.get_text()]


def test_loading_again_makes_no_second_share_image(demo):
    images = Image.objects.count()
    call_command("load_demo_content", stdout=StringIO())
    assert Image.objects.count() == images
    assert Image.objects.filter(title=SHARE_IMAGE_TITLE).count() == 1
