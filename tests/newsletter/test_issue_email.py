"""An issue as the email a subscriber receives: made for mail clients, the same content in
its plain-text part, the list's headers, and an unsubscribe link that is theirs."""

import re
from email import message_from_bytes, policy

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from newsletter.issues import issue_email
from newsletter.models import NewsletterIssuePage, Subscriber
from tests.newsletter.conftest import link_in, path_of

ISSUE_PATH = "/newsletter-archive/the-courage-to-be-kind-and-north-ayrshire/"


@pytest.fixture
def issue(demo):
    return NewsletterIssuePage.objects.get(url_path="/home" + ISSUE_PATH)


@pytest.fixture
def subscriber(demo):
    return Subscriber.objects.create(
        email="ann@example.org",
        status=Subscriber.Status.CONFIRMED,
        consent_text="I agree.",
        consented_at=timezone.now(),
    )


def html_of(message):
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return BeautifulSoup(html, "html.parser")


def words(text):
    return " ".join(text.split())


def test_every_element_carries_its_own_styles_and_no_stylesheet_is_left(issue, subscriber):
    page = html_of(issue_email(issue, subscriber, message_id="<1@example.org>"))
    assert page.find("style") is None
    assert page.find("link", rel="stylesheet") is None
    assert "background-color" in page.body["style"]
    for element in page.select("h1, h2, p, a, img"):
        assert element.get("style"), element
    assert not page.find("script")


def test_pictures_are_absolute_jpegs_with_size_and_alt_text(issue, subscriber, settings):
    page = html_of(issue_email(issue, subscriber, message_id="<1@example.org>"))
    images = page.find_all("img")
    assert images
    for image in images:
        assert image["src"].startswith(settings.PUBLIC_URL + "/media/"), image["src"]
        assert image["src"].endswith(".jpg")
        assert int(image["width"]) <= 600
        assert int(image["height"]) > 0
        assert image.has_attr("alt")
    poster = page.find("img", alt=re.compile("The Practice of Kindness"))
    assert poster is not None


def test_every_link_is_absolute_and_goes_where_the_editor_pointed(issue, subscriber, settings):
    page = html_of(issue_email(issue, subscriber, message_id="<1@example.org>"))
    hrefs = [link["href"] for link in page.find_all("a")]
    assert all(href.startswith((settings.PUBLIC_URL, "mailto:", "tel:")) for href in hrefs), hrefs
    assert settings.PUBLIC_URL + "/library/the-courage-to-be-kind/" in hrefs


def test_it_reads_with_pictures_off(issue, subscriber):
    """Nothing is said only by a picture: with every image removed the text is all there."""
    page = html_of(issue_email(issue, subscriber, message_id="<1@example.org>"))
    for image in page.find_all("img"):
        image.decompose()
    text = words(page.get_text(" "))
    assert "Kindness in health and social care" in text
    assert "North Ayrshire: A case study on kindness" in text
    assert "Read it on the website" in text


def test_the_plain_text_part_says_what_the_html_says(issue, subscriber):
    message = issue_email(issue, subscriber, message_id="<1@example.org>")
    page = html_of(message)
    text = words(message.body)
    for heading in page.find_all(["h1", "h2", "h3"]):
        assert words(heading.get_text()).casefold() in text.casefold(), heading
    for paragraph in page.select("td.pad > p"):
        assert words(paragraph.get_text()) in re.sub(r" <[^>]+>", "", text), paragraph
    # Links keep their addresses, written after their words.
    assert "The courage to be kind <http://" in text
    assert ISSUE_PATH in text
    assert "<" not in re.sub(r"<(https?://|mailto:)[^>]+>", "", message.body)


def test_it_links_the_issue_on_the_website(issue, subscriber, settings):
    message = issue_email(issue, subscriber, message_id="<1@example.org>")
    link = html_of(message).find("a", string="Read it on the website")
    assert link["href"] == settings.PUBLIC_URL + ISSUE_PATH
    assert f"Read it on the website: {settings.PUBLIC_URL}{ISSUE_PATH}" in message.body


def test_headers_name_the_list_its_unsubscribe_and_the_message_id(issue, subscriber):
    message = issue_email(issue, subscriber, message_id="<campaign-1.7@example.org>")
    sent = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    assert sent["Message-ID"] == "<campaign-1.7@example.org>"
    assert sent["Subject"] == issue.title
    assert sent["To"] == "ann@example.org"
    assert sent["List-Id"].startswith("Kinder Communities newsletter <newsletter.")
    assert sent["List-Unsubscribe"].strip() == f"<{link_in(message, 'unsubscribe')}>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_tracking_pixel(issue, subscriber):
    page = html_of(issue_email(issue, subscriber, message_id="<1@example.org>"))
    for image in page.find_all("img"):
        assert int(image["width"]) > 1
        assert int(image["height"]) > 1


def test_the_unsubscribe_link_is_that_subscribers_own(issue, subscriber, client):
    other = Subscriber.objects.create(
        email="bob@example.org",
        status=Subscriber.Status.CONFIRMED,
        consent_text="I agree.",
        consented_at=timezone.now(),
    )
    message = issue_email(issue, subscriber, message_id="<1@example.org>")
    to_other = issue_email(issue, other, message_id="<2@example.org>")
    link = link_in(message, "unsubscribe")
    assert link != link_in(to_other, "unsubscribe")
    assert html_of(message).find("a", string="Unsubscribe")["href"] == link
    # One click, as a mail client's List-Unsubscribe-Post does.
    response = client.post(path_of(link), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    other.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert other.status == Subscriber.Status.CONFIRMED


def test_a_test_send_says_so(issue, subscriber):
    message = issue_email(issue, subscriber, message_id="<1@example.org>", test=True)
    assert message.subject == "[Test] " + issue.title
    assert "TEST SEND" in message.body
    assert "Test send" in html_of(message).get_text()
    plain = issue_email(issue, subscriber, message_id="<2@example.org>")
    assert plain.subject == issue.title
    assert "TEST SEND" not in plain.body


def test_an_unsaved_revision_is_sent_as_it_stands(issue, subscriber):
    """The sender passes the revision it fixed, not what is live."""
    issue.title = "A draft title"
    revision = issue.save_revision()
    message = issue_email(revision.as_object(), subscriber, message_id="<1@example.org>")
    assert message.subject == "A draft title"
    assert html_of(message).h1.get_text() == "A draft title"


def test_it_goes_out_whole_through_the_mail_backend(issue, subscriber):
    issue_email(issue, subscriber, message_id="<1@example.org>").send()
    (message,) = mail.outbox
    sent = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    assert sent.get_body(("plain",)).get_content().startswith("KINDER COMMUNITIES")
    assert "Kindness in health and social care" in sent.get_body(("html",)).get_content()
