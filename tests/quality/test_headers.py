"""Every page a reader can reach is sent with the security headers, and the admin works."""

import pytest
from django.conf import settings

from tests.conftest import EDITOR_PASSWORD
from tests.quality.conftest import parse, public_pages, same_origin_links
from tests.quality.headers import STRICT, VIDEO_PLAYERS, policy
from tests.two_factor import sign_in_to_admin


def permissions(response):
    """The Permissions-Policy header as {feature: set of allowed origins}."""
    assert "Permissions-Policy" in response, "no Permissions-Policy header"
    features = {}
    for part in response["Permissions-Policy"].split(", "):
        feature, allowlist = part.split("=", 1)
        assert allowlist[0] + allowlist[-1] == "()", part
        features[feature] = set(allowlist[1:-1].split())
    return features


def header_problems(response):
    """What is missing or wrong in a public response's security headers, in words."""
    problems = []
    csp = policy(response)
    # Wagtail serves documents under a stricter policy of its own: nothing may load.
    expected = {"default-src": {"'none'"}} if csp == {"default-src": {"'none'"}} else STRICT
    for directive, sources in expected.items():
        if csp.get(directive) != sources:
            problems.append(f"CSP {directive} is {csp.get(directive)}, not {sources}")
    every_source = set().union(*csp.values())
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:"):
        if unsafe in every_source:
            problems.append(f"CSP allows {unsafe}")
    exact = {
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }
    for header, value in exact.items():
        if response.get(header) != value:
            problems.append(f"{header} is {response.get(header)!r}, not {value!r}")
    features = permissions(response)
    for feature in ("camera", "microphone", "geolocation", "payment", "browsing-topics"):
        if features.get(feature) != set():
            problems.append(f"Permissions-Policy {feature} is {features.get(feature)}, not ()")
    players = {f'"{origin}"' for origin in VIDEO_PLAYERS}
    for feature in ("fullscreen", "picture-in-picture"):
        if features.get(feature) != {"self", *players}:
            problems.append(f"Permissions-Policy {feature} is {features.get(feature)}")
    return problems


def test_every_page_sends_every_security_header(demo, client):
    problems = {}
    for label, path, status in public_pages():
        response = client.get(path, secure=True)
        assert response.status_code == status, (label, path, response.status_code)
        if found := header_problems(response):
            problems[f"{label} {path}"] = found
    assert not problems


def test_every_link_and_download_on_those_pages_sends_them_too(demo, client):
    """Feeds, BibTeX and vCard downloads, documents: everything one click away."""
    paths = set()
    for _label, path, status in public_pages():
        if status == 200:  # the 404 page links to itself
            paths |= same_origin_links(path, parse(client.get(path, secure=True)))
    assert "/feed/" in paths
    problems = {}
    for path in sorted(paths):
        response = client.get(path, secure=True)
        if "/download/" in path:
            # A download link counts the download, then sends the reader on to the file.
            assert response.status_code == 302, (path, response.status_code)
            if found := header_problems(response):
                problems[path] = found
            path = response["Location"]
            response = client.get(path, secure=True)
        assert response.status_code == 200, (path, response.status_code)
        if found := header_problems(response):
            problems[path] = found
        if response.streaming:
            # Read to the end, so the test client closes the document's file.
            b"".join(response.streaming_content)
    assert not problems


def test_plain_http_is_sent_to_https(demo, client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/library/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/library/"


def test_the_policy_needs_no_hash_for_json_ld(demo, client):
    """JSON-LD is data the browser never runs, so script-src 'self' does not block it."""
    response = client.get("/library/the-place-of-kindness/", secure=True)
    assert parse(response).select('script[type="application/ld+json"]')
    assert not any(source.startswith("'sha") for source in policy(response)["script-src"])


def test_the_admin_gets_a_policy_it_works_under_and_still_cannot_be_framed_elsewhere(
    demo, client, editor_account
):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    csp = policy(response)
    # Wagtail's admin runs inline scripts and styles and uses eval() in its choosers.
    assert {"'self'", "'unsafe-inline'", "'unsafe-eval'"} <= csp["script-src"]
    assert {"'self'", "'unsafe-inline'"} <= csp["style-src"]
    # The page editor previews in a frame of its own origin; nobody else may frame it.
    assert csp["frame-ancestors"] == {"'self'"}
    assert csp["object-src"] == {"'none'"}
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert permissions(response)["camera"] == set()

    sign_in_to_admin(client, editor_account)
    for path in ("/admin/", f"/admin/pages/{demo.pk}/", "/admin/documents/", "/admin/images/"):
        response = client.get(path, secure=True)
        assert response.status_code == 200, path
        assert "'unsafe-inline'" in policy(response)["script-src"], path
        assert permissions(response)["microphone"] == set(), path


def test_an_address_that_only_starts_like_the_admin_gets_the_public_policy(demo, client):
    response = client.get("/administrators/", secure=True)
    assert response.status_code == 404
    assert not header_problems(response)


def test_page_preview_in_the_admin_can_be_framed_by_the_editor(demo, editor):
    from wagtail.models import Page

    page = Page.objects.get(url_path="/home/library/")
    response = editor.get(f"/admin/pages/{page.pk}/view_draft/", secure=True)
    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == {"'self'"}


@pytest.mark.parametrize("cookie", ["csrftoken", "sessionid"])
def test_cookies_are_secure_http_only_and_same_site(editor_account, client, cookie):
    response = client.get("/admin/login/", secure=True)
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": EDITOR_PASSWORD},
        secure=True,
    )
    assert response.status_code == 302
    morsel = client.cookies[cookie]
    assert morsel["secure"] is True
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_NAME == "sessionid"
