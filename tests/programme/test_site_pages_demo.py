"""The demo's about page, privacy notice and accessibility statement: there, linked, and true."""

from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

from programme.models import ContentPage
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import REFLOW_WIDTH
from tests.html import soup, visible_text

SITE_PAGES = [
    ("about", "About the programme"),
    ("privacy", "Privacy notice"),
    ("accessibility", "Accessibility statement"),
]


def main_text(client, path):
    return visible_text(soup(client.get(path)).main)


def test_the_three_pages_are_live_under_home_and_linked_from_every_footer(demo, client):
    pages = ContentPage.objects.live().order_by("path")
    assert [(page.slug, page.title) for page in pages] == SITE_PAGES
    assert all(page.get_parent().specific_class.__name__ == "HomePage" for page in pages)
    expected = [(title, f"/{slug}/") for slug, title in SITE_PAGES]
    for path in ["/", "/programme/", "/privacy/", "/library/"]:
        nav = soup(client.get(path)).select_one("footer nav.footer-links")
        assert [(visible_text(a), a["href"]) for a in nav.select("a")] == expected, path


def test_about_tells_what_the_programme_does_and_whom_to_speak_to(demo, client):
    html = soup(client.get("/about/")).main
    text = visible_text(html)
    assert "Since 2016 the Carnegie UK Trust has led Kinder Communities" in text
    assert "Kindness Leadership Network" in text
    links = {a["href"] for a in html.select(".rich-text a")}
    assert {"/programme/", "/library/", "/people/"} <= links
    speak_to = [visible_text(a) for a in html.select(".speak-to .person-card__name a")]
    assert speak_to == ["Jennifer Wallace", "Ben Thurman"]


def test_reading_the_public_site_sets_no_cookie_as_the_privacy_notice_says(demo, client):
    assert "The site sets no cookies when you read it" in main_text(client, "/privacy/")
    paths = [page.url for page in Page.objects.live().public().specific() if page.url]
    assert len(paths) > 25
    for path in [*paths, "/search/?q=kindness", "/feed/", reverse("newsletter:signup")]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, f"{path} set {list(response.cookies)}"


def test_the_privacy_notice_states_what_the_newsletter_keeps_and_invents_nothing(demo, client):
    html = soup(client.get("/privacy/")).main
    text = visible_text(html)
    for fact in [
        "your email address",
        "your name, if you give it",
        "the words you agreed to on the form, and when you agreed",
        "the page the form was on",
        "waiting for you to confirm it, confirmed or ended",
        "for each newsletter sent to you, when it was sent and what your mail server answered",
        # The notice's promise is the purge command's setting.
        f"A signup nobody confirms is deleted after {settings.NEWSLETTER_UNCONFIRMED_DAYS} days.",
        "We never sell it, and share it with no one but the mail provider that carries the emails.",
        "Every newsletter email has a link to unsubscribe with one click.",
        "contact the Carnegie UK Trust",
        "It uses no analytics and no third-party trackers",
    ]:
        assert fact in text, fact
    # facts.md gives no address, registration or legal detail: none is made up.
    assert "@" not in text
    assert not html.select(".stream a[href^='mailto:'], .stream a[href^='tel:']")


def test_the_privacy_notice_says_the_site_sends_the_newsletter_and_for_how_long_it_keeps(
    demo, client
):
    text = main_text(client, "/privacy/")
    assert "The site sends the newsletter itself, from its own list" in text
    assert "the mail provider chosen in the site's settings" in text
    assert "no tracking pixels and their links are not rewritten" in text
    # Each period is the setting that enforces it (newsletter/retention.py, the task pruning).
    assert f"we keep them for {settings.NEWSLETTER_FORGET_AFTER_DAYS} days more" in text
    assert "keep only a scrambled form of your email address (a keyed hash)" in text
    assert f"background work, are deleted after {settings.TASK_RESULTS_KEEP_DAYS} days" in text
    # Said once: it used to be said twice in other words.
    assert text.count("counts signups from each internet (IP) address for an hour") == 1
    assert "To stop automated signups" not in text


def test_the_privacy_notice_names_the_only_video_hosts_the_site_allows(demo, client):
    text = main_text(client, "/privacy/")
    # "every page, picture, font and script comes from this site itself": the browser is
    # told to load nothing else (connect-src too, so no script could report anywhere).
    assert "every page, picture, font and script comes from this site itself" in text
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for directive in ["default-src", "script-src", "style-src", "font-src", "connect-src"]:
        assert directives[directive] == ["'self'"], directive
    assert directives["img-src"] == ["'self'", "data:"]
    assert settings.VIDEO_PLAYER_ORIGINS == [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]
    assert "youtube-nocookie.com" in text
    assert "nothing loads from either until you press play" in text


def test_the_accessibility_statement_matches_the_checks_the_suite_runs(demo, client):
    text = main_text(client, "/accessibility/")
    assert "(WCAG) 2.2 at level AA" in text
    assert f"({PHONE['width']} pixels)" in text
    assert f"({DESKTOP['width']} pixels)" in text
    assert f"At {REFLOW_WIDTH} pixels wide" in text
    assert "runs in Chromium on every page of the site" in text
    for check in ["Nu HTML Checker", "keyboard alone", "JavaScript switched off", "less motion"]:
        assert check in text, check
    assert "Tell us about a problem" in text
