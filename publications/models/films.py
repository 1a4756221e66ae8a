"""Films: a hosted or uploaded video, and the transcript that must come with it."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlparse

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from kindness.models import SiteSettings
from kindness.sharing import absolute_url

from .library import CAPTIONS_EXTENSION, VIDEO_EXTENSIONS, LibraryItemPage
from .publications import PublicationPage

YOUTUBE_ID = r"[A-Za-z0-9_-]{11}"
VIDEO_PATTERNS = [
    (
        "youtube",
        re.compile(
            rf"^https?://(?:www\.|m\.)?youtube\.com/(?:embed/|shorts/|live/)({YOUTUBE_ID})(?:[/?#].*)?$"
        ),
    ),
    ("youtube", re.compile(rf"^https?://youtu\.be/({YOUTUBE_ID})(?:[/?#].*)?$")),
    ("vimeo", re.compile(r"^https?://(?:www\.)?vimeo\.com/([0-9]+)(?:[/?#].*)?$")),
    ("vimeo", re.compile(r"^https?://player\.vimeo\.com/video/([0-9]+)(?:[/?#].*)?$")),
]


def parse_video_url(url):
    """(host, video id) for a YouTube or Vimeo address, or None for anything else."""
    url = (url or "").strip()
    parts = urlparse(url)
    if parts.hostname in {"www.youtube.com", "youtube.com", "m.youtube.com"} and (
        parts.path == "/watch"
    ):
        video_id = parse_qs(parts.query).get("v", [""])[0]
        return ("youtube", video_id) if re.fullmatch(YOUTUBE_ID, video_id) else None
    for host, pattern in VIDEO_PATTERNS:
        match = pattern.match(url)
        if match:
            return host, match.group(1)
    return None


TRANSCRIPT_REQUIRED = (
    "Fill in the transcript before publishing a film with a video: people who cannot watch "
    "or hear it read the transcript instead."
)


def is_blank_html(html):
    """True for rich text with no words in it, such as the editor's empty '<p></p>'."""
    return not strip_tags(html or "").strip()


class FilmPageForm(WagtailAdminPageForm):
    def clean_transcript(self):
        # The editor sends an empty paragraph for an empty transcript: that is no transcript.
        transcript = self.cleaned_data["transcript"]
        return "" if is_blank_html(transcript) else transcript

    def _post_clean(self):
        # Saving a draft defers the transcript; publishing (or any other save) does not.
        self.instance.transcript_can_wait = self.is_deferred_validation
        super()._post_clean()


def validate_video_url(value):
    if value and parse_video_url(value) is None:
        raise ValidationError(
            "Give the address of a YouTube or Vimeo video, for example "
            "https://www.youtube.com/watch?v=… or https://vimeo.com/…"
        )


class FilmPage(LibraryItemPage):
    """A short film: its video (a YouTube or Vimeo address, or a file) and its transcript."""

    duration = models.DurationField(
        null=True, blank=True, help_text="How long the film runs, for example '4:30'."
    )
    publication = models.ForeignKey(
        PublicationPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="films",
        help_text="The publication this film goes with, if there is one.",
    )
    video_url = models.URLField(
        "video address",
        blank=True,
        validators=[validate_video_url],
        help_text="A YouTube or Vimeo address. Nothing loads from the video site until a "
        "visitor presses play.",
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Or an uploaded video file (MP4 or WebM) instead of an address.",
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Captions for the uploaded video, as a WebVTT (.vtt) file.",
    )
    # Required once the film has a video: a draft can be saved without it, but FilmPageForm
    # and clean() refuse to publish a video without one. A film whose recording is not
    # online yet may be published without it, and its page says what is missing.
    transcript = RichTextField(
        blank=True,
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text="Everything said and shown in the film, for people who cannot watch or "
        "hear it. Required before a film with a video can be published.",
    )

    search_fields = [*LibraryItemPage.search_fields, index.SearchField("transcript")]

    base_form_class = FilmPageForm
    content_panels = [
        *Page.content_panels,
        LibraryItemPage.date_panels(),
        FieldPanel("summary"),
        FieldPanel("image", heading="Poster"),
        MultiFieldPanel(
            [
                FieldPanel("video_url"),
                FieldPanel("video_file"),
                FieldPanel("captions"),
                FieldPanel("duration"),
            ],
            heading="Video",
        ),
        FieldPanel("publication"),
        FieldPanel("strands", widget=forms.CheckboxSelectMultiple),
        FieldPanel("transcript"),
    ]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []
    page_description = "A short film, from YouTube, Vimeo or an uploaded file, with its transcript."

    class Meta:
        verbose_name = "film"

    def full_clean(self, *args, **kwargs):
        # Text-free rich text counts as empty, so a film with a video still needs words.
        if is_blank_html(self.transcript):
            self.transcript = ""
        super().full_clean(*args, **kwargs)

    # Set by FilmPageForm while an editor saves a draft; every other save needs the transcript.
    transcript_can_wait = False

    @property
    def has_video(self):
        return bool(self.video_url or self.video_file_id)

    @property
    def has_transcript(self):
        return not is_blank_html(self.transcript)

    def clean(self):
        super().clean()
        errors = {}
        if self.has_video and not self.has_transcript and not self.transcript_can_wait:
            errors["transcript"] = TRANSCRIPT_REQUIRED
        if self.video_url and self.video_file_id:
            errors["video_file"] = "Give a video address or a video file, not both."
        if self.video_file_id and self.video_file.file_extension.lower() not in VIDEO_EXTENSIONS:
            errors["video_file"] = "Upload the video as an MP4 or WebM file."
        if self.captions_id:
            if not self.video_file_id:
                errors["captions"] = "Captions go with an uploaded video file."
            elif self.captions.file_extension.lower() != CAPTIONS_EXTENSION:
                errors["captions"] = "Upload captions as a WebVTT (.vtt) file."
        if errors:
            raise ValidationError(errors)

    @property
    def video(self):
        """What the template needs to show the video, or None while there is none."""
        parsed = parse_video_url(self.video_url)
        if parsed:
            host, video_id = parsed
            if host == "youtube":
                return {
                    "kind": "embed",
                    "host": "YouTube",
                    "watch_url": f"https://www.youtube.com/watch?v={video_id}",
                    # The privacy-enhanced domain: no cookies until the visitor plays.
                    "embed_url": f"https://www.youtube-nocookie.com/embed/{video_id}?"
                    + urlencode({"autoplay": 1, "rel": 0}),
                }
            return {
                "kind": "embed",
                "host": "Vimeo",
                "watch_url": f"https://vimeo.com/{video_id}",
                "embed_url": f"https://player.vimeo.com/video/{video_id}?"
                + urlencode({"dnt": 1, "autoplay": 1}),
            }
        if self.video_file_id:
            return {
                "kind": "file",
                "url": self.video_file.url,
                "type": VIDEO_EXTENSIONS.get(self.video_file.file_extension.lower(), ""),
                "captions_url": self.captions.url if self.captions_id else "",
            }
        return None

    @property
    def display_duration(self):
        if not self.duration:
            return ""
        minutes, seconds = divmod(int(self.duration.total_seconds()), 60)
        if minutes and seconds:
            return f"{minutes} min {seconds} s"
        return f"{minutes} min" if minutes else f"{seconds} s"

    @property
    def iso_duration(self):
        if not self.duration:
            return ""
        total = int(self.duration / timedelta(seconds=1))
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        return "PT" + "".join(
            f"{value}{unit}"
            for value, unit in ((hours, "H"), (minutes, "M"), (seconds, "S"))
            if value
        )

    def json_ld(self, request, publisher):
        data = {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "uploadDate": self.iso_date,
            "publisher": {"@type": "Organization", "name": publisher},
            "inLanguage": "en-GB",
        }
        if self.has_transcript:
            data["transcript"] = strip_tags(self.transcript).strip()
        if self.iso_duration:
            data["duration"] = self.iso_duration
        if self.image_id:
            rendition = self.image.get_rendition("fill-1280x720")
            data["thumbnailUrl"] = absolute_url(request, rendition.url)
        video = self.video
        if video and video["kind"] == "embed":
            data["embedUrl"] = video["embed_url"]
        elif video:
            data["contentUrl"] = absolute_url(request, video["url"])
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        publisher = SiteSettings.for_request(request).organisation_name
        publication = self.publication if self.publication_id else None
        context.update(
            video=self.video,
            strands=self.live_strands(),
            publication=publication if publication and publication.live else None,
            json_ld_data=self.json_ld(request, publisher),
        )
        return context
