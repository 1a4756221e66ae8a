from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page


class SocialProfileBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60, help_text="For example 'Bluesky' or 'LinkedIn'.")
    url = blocks.URLBlock(label="Address")

    class Meta:
        icon = "link"
        label = "Social profile"
        description = "A link to one of the programme's profiles on another network."
        preview_value = {"label": "Bluesky", "url": "https://bsky.app/"}


def require_alt_text(instance, image_field, *, describe):
    """Refuse a picture in `image_field` without words in its `<image_field>_alt_text`."""
    alt_field = f"{image_field}_alt_text"
    if getattr(instance, f"{image_field}_id") and not getattr(instance, alt_field).strip():
        raise ValidationError({alt_field: f"Describe {describe} for people who cannot see it."})


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the header, footer, social links and share cards say, editable without a deploy."""

    organisation_name = models.CharField(
        max_length=120,
        default="Carnegie UK Trust",
        help_text="The organisation that runs the programme, named in the footer.",
    )
    facebook_url = models.URLField(
        blank=True,
        help_text="The programme's Facebook page. The 'Follow us on Facebook' link is hidden "
        "while this is empty.",
    )
    social_profiles = StreamField(
        [("profile", SocialProfileBlock())],
        blank=True,
        help_text="Other networks the programme is on, linked from the footer.",
    )
    default_share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when a page is shared and has no picture of its own. "
        "Landscape, at least 1200 × 630 pixels.",
    )
    default_share_image_alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="What the default share image shows, for people who cannot see it.",
    )
    default_share_description = models.TextField(
        max_length=300,
        blank=True,
        help_text="A sentence describing the programme, used when a page has no description.",
    )
    footer_text = models.TextField(
        blank=True,
        help_text="A line or two for the footer, such as the charity registration number.",
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("social_profiles")], heading="Social media"
        ),
        MultiFieldPanel(
            [
                FieldPanel("default_share_image"),
                FieldPanel("default_share_image_alt_text"),
                FieldPanel("default_share_description"),
            ],
            heading="Sharing",
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = "site settings"

    def clean(self):
        super().clean()
        require_alt_text(self, "default_share_image", describe="the default share picture")


class ShareMetadataMixin(models.Model):
    """Lets editors choose how a page looks when shared, in the promote tab.

    Each page type says where its own picture and description come from, either by naming
    fields (`share_image_source`, `share_description_source`) or by overriding
    `share_image_from_content()` and `share_description_from_content()`. Without them the
    site's default share image and description apply.
    """

    share_title = models.CharField(
        max_length=120,
        blank=True,
        help_text="The title shown when this page is shared, if different from the page title.",
    )
    share_description = models.TextField(
        max_length=300,
        blank=True,
        help_text="The description shown when this page is shared. Leave empty to use the "
        "search description or the page's own summary.",
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The picture shown when this page is shared. Leave empty to use the page's "
        "own picture or the site's default. Landscape, at least 1200 × 630 pixels.",
    )
    share_image_alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="What the share picture shows, for people who cannot see it.",
    )

    # ("image field", "alt text field") and "description field or property" on the page.
    share_image_source = None
    share_description_source = None

    share_panels = [
        MultiFieldPanel(
            [
                FieldPanel("share_title"),
                FieldPanel("share_description"),
                FieldPanel("share_image"),
                FieldPanel("share_image_alt_text"),
            ],
            heading="Sharing on social media",
        )
    ]
    promote_panels = [*Page.promote_panels, *share_panels]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        require_alt_text(self, "share_image", describe="the share picture")

    def share_image_from_content(self):
        """The page's own picture and its alt text, such as a cover, poster or photo."""
        if self.share_image_source:
            image_field, alt_field = self.share_image_source
            image = getattr(self, image_field)
            if image:
                return image, getattr(self, alt_field, "") or image.title
        return None, ""

    def share_description_from_content(self):
        """A summary or introduction from the page's own content."""
        if self.share_description_source:
            return getattr(self, self.share_description_source, "") or ""
        return ""
