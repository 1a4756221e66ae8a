"""A newsletter issue as the email each subscriber receives.

The HTML is made for mail clients, which ignore stylesheets and most of CSS: a single
column 600 pixels wide, its styles written into each element's `style` attribute
(css-inline), pictures as JPEG renditions at absolute addresses with their width, height
and alt text, and nothing that needs a picture to be read. The plain-text part is written
from the same blocks. No tracking pixel and no rewritten link: every link goes where the
editor pointed it.

An issue is rendered once for all its subscribers (kept on the issue object passed in):
only the unsubscribe link differs between them, and it is put in place of a marker.
"""

import re
import textwrap
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from newsletter.emails import list_headers, unsubscribe_url
from newsletter.models import Subscriber

TEST_SUBJECT_PREFIX = "[Test] "
# Stands for each subscriber's own unsubscribe link in the rendered issue. A URL, so it
# survives the inliner's parsing unchanged; `.invalid` can never be a real host (RFC 2606).
UNSUBSCRIBE_MARKER = "https://unsubscribe.invalid/subscriber"
TEXT_WIDTH = 72

_inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


@dataclass(frozen=True)
class RenderedIssue:
    subject: str
    html: str
    text: str


def issue_email(issue, subscriber, *, message_id, test=False):
    """The email of `issue` (a NewsletterIssuePage, or a revision's `as_object()`) to
    `subscriber`, with the list's headers and `message_id` as its Message-ID. A test send
    (`test`) says so in its subject and at the top of its text."""
    rendered = rendered_issue(issue, test=test)
    unsubscribe = unsubscribe_url(subscriber)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text.replace(UNSUBSCRIBE_MARKER, unsubscribe),
        to=[subscriber.email],
        headers={**list_headers(unsubscribe), "Message-ID": message_id},
    )
    message.attach_alternative(
        rendered.html.replace(UNSUBSCRIBE_MARKER, escape(unsubscribe)), "text/html"
    )
    return message


def preview_subscriber(user):
    """Who an editor's preview or test send is addressed to: themselves, as an unsaved
    subscriber (their unsubscribe link names no one)."""
    return Subscriber(email=getattr(user, "email", "") or "you@example.org")


def rendered_issue(issue, *, test=False):
    """The issue's subject, HTML and text, rendered once per issue object and kind of send."""
    cache = issue.__dict__.setdefault("_newsletter_rendered", {})
    if test not in cache:
        cache[test] = _render(issue, test)
    return cache[test]


def _render(issue, test):
    web_url = issue.full_url if issue.live or issue.first_published_at else None
    context = {
        "issue": issue,
        "test": test,
        "web_url": web_url or settings.BASE_URL + "/",
        "web_url_is_issue": bool(web_url),
        "site_url": settings.BASE_URL,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "unsubscribe_url": UNSUBSCRIBE_MARKER,
    }
    html = absolute_links(render_to_string("newsletter/email/issue.html", context))
    text = render_to_string("newsletter/email/issue.txt", context)
    subject = (TEST_SUBJECT_PREFIX if test else "") + issue.title
    return RenderedIssue(subject=subject, html=_inliner.inline(html), text=tidy_text(text))


_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute_links(html):
    """Links and pictures at the site's own addresses, which a mail client cannot resolve,
    made absolute: rich text links pages by their path."""
    return _RELATIVE.sub(lambda match: f"{match.group(1)}{settings.BASE_URL}/", html)


def absolute_url(url):
    return settings.BASE_URL + url if url.startswith("/") and not url.startswith("//") else url


def tidy_text(text):
    """At most one blank line in a row, no trailing spaces, one newline at the end."""
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


class _TextWriter(HTMLParser):
    """Rich text as plain text: paragraphs apart, list items with a dash or their number,
    links followed by their address, headings on lines of their own."""

    BLOCKS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "div"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []  # (text, whether it is a list item)
        self.current = []
        self.lists = []
        self.links = []

    def flush(self, prefix=""):
        words = " ".join("".join(self.current).split())
        if words:
            self.paragraphs.append(
                (
                    textwrap.fill(
                        words,
                        TEXT_WIDTH,
                        initial_indent=prefix,
                        subsequent_indent=" " * len(prefix),
                        break_long_words=False,
                        break_on_hyphens=False,
                    ),
                    bool(prefix),
                )
            )
        self.current = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.BLOCKS:
            self.flush()
        if tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li":
            self.flush()
            if self.lists:
                self.lists[-1][1] += 1
        elif tag == "br":
            self.current.append(" ")
        elif tag == "a":
            self.links.append(attrs.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.startswith("#"):
                address = href.removeprefix("mailto:")
                self.current.append(f" <{absolute_url(address)}>")
        elif tag == "li":
            kind, number = self.lists[-1] if self.lists else ("ul", 0)
            self.flush("- " if kind == "ul" else f"{number}. ")
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.flush()
        elif tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        self.current.append(data)


def text_from_html(html):
    """Rich text (HTML) as wrapped plain text, with each link's address after its words."""
    writer = _TextWriter()
    writer.feed(str(html))
    writer.close()
    writer.flush()
    text = ""
    previous_item = False
    for paragraph, item in writer.paragraphs:
        if text:
            text += "\n" if item and previous_item else "\n\n"
        text += paragraph
        previous_item = item
    return text
