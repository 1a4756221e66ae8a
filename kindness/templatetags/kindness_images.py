"""Wagtail's `{% picture %}` tag, made cheap to render many times over.

The same syntax and the same markup as `wagtailimages_tags`' own; templates load this
library instead for it. A list of cards renders one picture per card, and Wagtail's tag
took 0.4 ms for each (8 ms of a strand page's 21 cards), most of it work repeated for every
picture:

- it parses its filter specs (`format-{avif,webp,jpeg} fill-{400x225,800x450}`) again for
  every image, each spec through Python's `inspect`: here each tag parses them once;
- it builds the markup from scratch every time, though that depends only on the
  renditions (each one's file, width and height), the alt text and the tag's attributes:
  here the markup is kept in this process for those values, so a picture already shown is
  not built again. A new file or focal point makes new renditions, so new markup. Signed
  media URLs (AWS_QUERYSTRING_AUTH) expire, so with them nothing is kept.
"""

import threading

from django import template
from django.core.files.storage import default_storage
from django.utils.functional import cached_property
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()

# Markup kept for this many pictures at most; then it starts again.
MAX_KEPT = 4096
_kept = {}
_lock = threading.Lock()


class PictureNode(wagtailimages_tags.PictureNode):
    @cached_property
    def filters(self):
        return super().get_filters()

    def get_filters(self):
        return self.filters

    def render(self, context):
        if self.output_var_name:  # {% picture ... as name %}: Wagtail's own Picture object.
            return super().render(context)
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        attrs = {name: value.resolve(context) for name, value in self.attrs.items()}
        if getattr(default_storage, "querystring_auth", False):
            return Picture(renditions, attrs).__html__()
        key = (
            tuple(
                (spec, rendition.file.name, rendition.width, rendition.height)
                for spec, rendition in renditions.items()
            ),
            next(iter(renditions.values())).alt if renditions else None,
            tuple(attrs.items()),
        )
        try:
            markup = _kept.get(key)
        except TypeError:  # An attribute that is not a plain value: built every time.
            return Picture(renditions, attrs).__html__()
        if markup is None:
            markup = Picture(renditions, attrs).__html__()
            with _lock:
                if len(_kept) >= MAX_KEPT:
                    _kept.clear()
                _kept[key] = markup
        return markup


@register.tag
def picture(parser, token):
    """`{% picture image format-{avif,webp,jpeg} width-{400,800} sizes="…" alt=… %}`, as
    Wagtail's."""
    node = wagtailimages_tags.image(parser, token)
    return PictureNode(
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )


# Wagtail's own `{% image %}`, for a template that shows both.
register.tag("image", wagtailimages_tags.image)
