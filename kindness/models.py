from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the header, footer and social links say, editable without a deploy."""

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
    footer_text = models.TextField(
        blank=True,
        help_text="A line or two for the footer, such as the charity registration number.",
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel([FieldPanel("facebook_url")], heading="Social media"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = "site settings"
