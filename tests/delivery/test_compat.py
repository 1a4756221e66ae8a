"""The private APIs in delivery/compat.py still do what the site relies on, in the versions
they were checked against."""

from importlib.metadata import version

import psycopg
import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from delivery import compat


@pytest.mark.parametrize("distribution", sorted(compat.CHECKED_AGAINST))
def test_the_installed_version_is_the_one_the_private_apis_were_checked_against(distribution):
    checked = compat.CHECKED_AGAINST[distribution]
    assert version(distribution) == checked, (
        f"{distribution} is now {version(distribution)}: check each use of its private API "
        f"in delivery/compat.py against it, then write the new version in CHECKED_AGAINST."
    )


def test_the_wait_timeout_is_psycopgs_operational_error():
    # A database that stops answering is an OperationalError to Django: the 503 page.
    assert issubclass(compat.WaitTimeout, psycopg.OperationalError)
    assert compat.WaitTimeout is not psycopg.OperationalError


def test_wagtail_answers_the_site_kept_on_the_request(home, django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get("/", HTTP_HOST="elsewhere.example")
    assert compat.request_site(request) is None
    compat.keep_request_site(request, site)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
    assert compat.request_site(request) is site


def test_a_page_answers_the_parent_kept_on_it(home, django_assert_num_queries):
    page = Page.objects.get(pk=home.pk)
    stand_in = Page(title="Kept parent")
    compat.keep_parent(page, stand_in)
    with django_assert_num_queries(0):
        assert page.get_parent() is stand_in
