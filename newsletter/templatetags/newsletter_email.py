"""What the newsletter's email templates need that a web page does not: pictures as single
JPEGs at absolute addresses with their size, and rich text as plain text."""

from django import template

from newsletter.issues import absolute_url, text_from_html

register = template.Library()


@register.simple_tag
def email_image(image, spec, width):
    """A JPEG rendition of `image` (Wagtail filter `spec`), shown at most `width` pixels wide
    (renditions are made at twice that, for sharp screens): its absolute URL, width and
    height."""
    rendition = image.get_rendition(f"{spec}|format-jpeg|jpegquality-80")
    shown = min(width, rendition.width)
    return {
        "url": absolute_url(rendition.url),
        "width": shown,
        "height": round(rendition.height * shown / rendition.width),
    }


@register.filter
def as_text(rich_text):
    """Rich text (a block's value or HTML) as wrapped plain text, with links' addresses."""
    return text_from_html(str(rich_text))


@register.filter
def absolute(url):
    return absolute_url(url or "")
