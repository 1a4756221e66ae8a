from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.query import PageQuerySet

from delivery import site_memo
from kindness.blocks import alt_text_problem
from kindness.navigation import OneQueryViewRestrictionsMixin, covering_restriction


def load_site_settings(request):
    """Every app's site settings for this request's site, in one query, or none.

    Wagtail fetches each settings model in a query of its own when first asked; this
    fetches them all with the site, keeps them in memory until the site changes
    (delivery/site_memo.py), and puts a copy of each on the request where Wagtail's
    `for_request()` looks first. A site without a row yet gets one from Wagtail, as before.
    """
    site = Site.find_for_request(request)
    models = [
        model
        for model in settings_registry
        if issubclass(model, BaseSiteSetting) and not hasattr(request, model.get_cache_attr_name())
    ]
    if site is None or not models:
        return
    kept = site_memo.remembered(request, ("settings", site.pk), lambda: _fetch_settings(site))
    for model in models:
        setting = site_memo.fresh(kept.get(model))
        if setting is not None:
            setting._request = request
            setattr(request, model.get_cache_attr_name(), setting)


def _fetch_settings(site):
    """{settings model: its row for `site`, or None}, for every settings model, one query."""
    models = [model for model in settings_registry if issubclass(model, BaseSiteSetting)]
    accessors = {
        model: model._meta.get_field("site").remote_field.get_accessor_name() for model in models
    }
    related = [
        f"{accessor}__{name}" if name else accessor
        for model, accessor in accessors.items()
        for name in ("", *(model.select_related or ()))
    ]
    row = Site.objects.select_related(*related).filter(pk=site.pk).first()
    return {
        model: getattr(row, accessor, None) if row else None
        for model, accessor in accessors.items()
    }


def exclude_private(pages):
    """`pages` without those under a view restriction (a password, a login), in one query.

    What Wagtail's `public()` does, but as a subquery: `public()` first fetches every
    restriction on the site, a query more for each list on a page. A `pk__in` subquery
    rather than an Exists() filter, which Wagtail's search backends cannot take.
    """
    return pages.exclude(pk__in=Page.objects.filter(Exists(covering_restriction())).values("pk"))


class SitePageQuerySet(PageQuerySet):
    """The base of the apps' page querysets."""

    def public(self):
        return exclude_private(self)


class SocialProfileBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60, help_text="For example 'Bluesky' or 'LinkedIn'.")
    url = blocks.URLBlock(label="Address")

    class Meta:
        icon = "link"
        label = "Social profile"
        description = "A link to one of the programme's profiles on another network."
        preview_value = {"label": "Bluesky", "url": "https://bsky.app/"}


def require_image_description(instance, image_field):
    """Refuse a picture in `image_field` whose own description cannot serve as its alt text.

    Pages show a chosen picture with the image's description (its alt text in Wagtail), so an
    empty description, or one that is only a file name, fails here with a message that says
    where to write it.
    """
    image = getattr(instance, image_field)
    if image is None:
        return
    problem = alt_text_problem(image.description, image.title)
    if problem:
        raise ValidationError(
            {
                image_field: f"The description of the image '{image.title}' {problem}. "
                "Pages use it as the picture's alt text, for people who cannot see it: "
                "edit the image under Images and describe what it shows, then save again."
            }
        )


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the header, footer, social links and share cards say, editable without a deploy."""

    # Every page's share card falls back to the default image: fetched with the settings.
    select_related = ["default_share_image"]

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
        "Landscape, at least 1200 × 630 pixels. Its description is the alt text.",
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
        require_image_description(self, "default_share_image")


class ShareMetadataMixin(OneQueryViewRestrictionsMixin, models.Model):
    """The share picture, in the Promote tab beside Wagtail's own title and description.

    The page's `seo_title` and `search_description` are its one title and description, for
    search engines and social networks alike. Each page type says where its own picture and
    description come from, by naming fields (`share_image_source`, `share_description_source`)
    or by overriding `share_image_from_content()` and `share_description_from_content()`.
    Without them the site's default share image and description apply.
    """

    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The picture shown when this page is shared. Leave empty to use the page's "
        "own picture or the site's default. Landscape, at least 1200 × 630 pixels.",
    )

    # The image field and the "description field or property" on the page.
    share_image_source = None
    share_description_source = None

    # Wagtail's own Promote tab, with help that says the title and description are shared
    # too, and the share picture beside them.
    search_and_share_panel = MultiFieldPanel(
        [
            FieldPanel("slug"),
            FieldPanel(
                "seo_title",
                help_text="The title search engines and social networks show for this page. "
                "Leave empty to use the page title.",
            ),
            FieldPanel(
                "search_description",
                help_text="A sentence or two that search engines and social networks show "
                "under the title. Leave empty to use the page's own summary or introduction.",
            ),
            FieldPanel("share_image"),
        ],
        heading="For search engines and sharing",
    )
    menus_panel = MultiFieldPanel([FieldPanel("show_in_menus")], heading="For site menus")
    promote_panels = [search_and_share_panel, menus_panel]

    class Meta:
        abstract = True

    # Every page type has this mixin, so serving any page checks its view restrictions
    # in one query (OneQueryViewRestrictionsMixin).

    def clean(self):
        super().clean()
        require_image_description(self, "share_image")

    def share_image_from_content(self):
        """The page's own picture, such as a cover, poster or photo."""
        if self.share_image_source:
            return getattr(self, self.share_image_source)
        return None

    def share_description_from_content(self):
        """A summary or introduction from the page's own content."""
        if self.share_description_source:
            return getattr(self, self.share_description_source, "") or ""
        return ""
