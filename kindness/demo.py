"""The site settings' demo content: a branded default share image and description.

The Facebook address is unknown (facts.md), so it stays empty and the link stays hidden.
Also the helpers every app's demo content uses to find the site and add its pages.
"""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.models import Site

from kindness.models import SiteSettings

SHARE_IMAGE_TITLE = "Kinder Communities: share card"
SHARE_IMAGE_ALT = "Kinder Communities, a Carnegie UK Trust programme"
SHARE_DESCRIPTION = (
    "Since 2016 the Carnegie UK Trust has explored what can be done to encourage kindness "
    "in our communities, in our organisations and services, and in public policy."
)
BRAND, ACCENT, PAPER = "#0d5c55", "#f2b134", "#ffffff"


def share_card_png():
    """A 1200 × 630 card in the site's colours: a heart, the name and the organisation."""
    card = PillowImage.new("RGB", (1200, 630), BRAND)
    draw = ImageDraw.Draw(card)
    # The favicon's heart, drawn large at the left.
    draw.ellipse([110, 190, 250, 330], fill=ACCENT)
    draw.ellipse([220, 190, 360, 330], fill=ACCENT)
    draw.polygon([(117, 290), (353, 290), (235, 450)], fill=ACCENT)
    draw.rectangle([180, 240, 300, 300], fill=ACCENT)
    draw.text((430, 215), "Kinder", font=ImageFont.load_default(size=110), fill=PAPER)
    draw.text((430, 335), "Communities", font=ImageFont.load_default(size=110), fill=PAPER)
    draw.text(
        (432, 480),
        "A Carnegie UK Trust programme",
        font=ImageFont.load_default(size=40),
        fill=ACCENT,
    )
    buffer = BytesIO()
    card.save(buffer, format="PNG", optimize=True)
    return buffer


def home():
    """The default site's root page (the landing page once the demo site is created)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None


def child_page(parent, model, slug, **fields):
    """The child of `parent` with `slug`, created (and published) if it is missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = parent.add_child(instance=model(slug=slug, **fields))
    page.save_revision().publish()
    return page, True


def load():
    """Give the default site a share image and description, unless an editor already has."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    settings = SiteSettings.for_site(site)
    changed = False
    if settings.default_share_image is None:
        image = Image.objects.filter(title=SHARE_IMAGE_TITLE).first()
        if image is None:
            image = Image(title=SHARE_IMAGE_TITLE, description=SHARE_IMAGE_ALT)
            image.file = ImageFile(share_card_png(), name="kinder-communities-share.png")
            image.save()
        settings.default_share_image = image
        changed = True
    if not settings.default_share_description:
        settings.default_share_description = SHARE_DESCRIPTION
        changed = True
    if changed:
        settings.save()


# Content made up to grow the site for benchmarks (`load_demo_content --scale N`). Every
# title starts with the prefix and every summary or biography says so, so that nobody can
# take it for the programme's own content.
GENERATED_PREFIX = "[Generated]"
GENERATED_NOTE = "Generated for benchmarking: this is not the programme's content."


def generated_numbers(parent, model, slug_prefix, count):
    """The numbers 1..count whose page `<slug_prefix>-<n>` is not under `parent` yet.

    Growing is idempotent the way loading is: a second run at the same scale finds every
    generated page there and makes none, and a larger scale adds only the difference.
    """
    existing = set(model.objects.child_of(parent).values_list("slug", flat=True))
    return [n for n in range(1, count + 1) if generated_slug(slug_prefix, n) not in existing]


def generated_slug(slug_prefix, n):
    return f"{slug_prefix}-{n:03}"


def placeholder_png(size, lines, background=BRAND):
    """A plain PNG of `size` in the site's colours with `lines` of text on it."""
    image = PillowImage.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(16, size[0] // 14))
    y = size[1] // 3
    for line in lines:
        draw.text((size[0] // 12, y), line, fill=PAPER, font=font)
        y += font.size * 3 // 2
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer


def generated_image(title, description, size, file_name):
    """A saved placeholder image, marked as generated in its title and its description."""
    image = Image(title=f"{GENERATED_PREFIX} {title}", description=description)
    image.file = ImageFile(placeholder_png(size, [GENERATED_PREFIX, title]), name=file_name)
    image.save()
    return image
