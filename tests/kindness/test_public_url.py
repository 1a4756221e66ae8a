"""One variable, PUBLIC_URL, gives the site its address: links, emails and the site record."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Site

from tests.environment import PRODUCTION, run


def canonical(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return html.find("link", rel="canonical")["href"]


def set_public_url(url=None):
    out = StringIO()
    call_command("set_public_url", *(["--url", url] if url else []), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("public_url", "hostname", "port", "expected"),
    [
        ("https://kind.example.org", "kind.example.org", 443, "https://kind.example.org/"),
        ("http://127.0.0.1:8123/", "127.0.0.1", 8123, "http://127.0.0.1:8123/"),
    ],
)
def test_the_release_step_points_the_site_and_its_links_at_public_url(
    demo, client, public_url, hostname, port, expected
):
    with override_settings(PUBLIC_URL=public_url):
        assert "now at" in set_public_url()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == (hostname, port)
    assert canonical(client, "/programme/") == f"{expected}programme/"
    # Running it again changes nothing, and says so.
    with override_settings(PUBLIC_URL=public_url):
        assert "already at" in set_public_url()


@pytest.mark.parametrize("bad", ["kind.example.org", "ftp://kind.example.org", "https://x.org/a/"])
def test_an_address_that_is_not_a_site_root_is_refused(demo, bad):
    with pytest.raises(CommandError, match="PUBLIC_URL"):
        set_public_url(bad)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)


def test_the_demo_loader_builds_its_site_at_public_url(db):
    Page.objects.filter(depth=2).delete()
    with override_settings(PUBLIC_URL="http://127.0.0.1:8123"):
        call_command("load_demo_content", stdout=StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8123"


SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.PUBLIC_URL, s.BASE_URL, s.WAGTAILADMIN_BASE_URL, 'kind.example.org' in "
    "s.ALLOWED_HOSTS)"
)


def test_public_url_sets_the_admins_and_the_emails_address():
    env = {**PRODUCTION, "PUBLIC_URL": "https://kind.example.org/", "ALLOWED_HOSTS": "a.org"}
    result = run(SHOW, env)
    assert result.returncode == 0, result.stderr
    address = "https://kind.example.org"
    assert result.stdout.split() == [address, address, address, "True"]


def test_base_url_is_still_read_when_public_url_is_not_set():
    env = {**PRODUCTION, "BASE_URL": "https://old.example.org", "PUBLIC_URL": ""}
    result = run(SHOW, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["https://old.example.org"] * 3
