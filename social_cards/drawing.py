"""Drawing a social card with Pillow: the page's type, its title and the programme's name on
1200 × 630 (the size networks show large), with the page's own picture beside them.

The fonts are DejaVu's, from Debian (`make pdf-libs` installs them, and the Dockerfile's
image has them): nothing is fetched. A title wraps at word boundaries into the space it
has; a long one is drawn smaller, down to a floor, and beyond the lines that fit there it
ends with an ellipsis. Nothing is drawn outside the margins.
"""

import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont, ImageOps

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
# The site's colours (static/css/tokens.css): white on the brand's green is 7.6:1.
BRAND, ACCENT, PAPER = "#0d5c55", "#f2b134", "#ffffff"
# The page's own picture sits in a box at the right, whole (a face is never cropped).
PICTURE_BOX = (340, HEIGHT - 2 * MARGIN)
PICTURE_GAP = 48
TYPE_SIZE = 30
NAME_SIZE = 34
# The title's sizes, largest first; at the last, it is cut with an ellipsis where it must.
TITLE_SIZES = (68, 60, 52, 46, 40)
LINE_SPACING = 1.18
ELLIPSIS = "…"
# Under the networks' limits and quick to fetch: a card larger than this is sent as JPEG.
MAX_BYTES = 200_000
PNG_LIMIT = 150_000

FONT_FILES = {"bold": "DejaVuSans-Bold.ttf"}


@dataclass(frozen=True)
class DrawnCard:
    data: bytes
    extension: str
    width: int = WIDTH
    height: int = HEIGHT


def font(weight, size):
    """DejaVu at `size`, or Pillow's own scalable font (with a warning) where it is missing."""
    path = Path(settings.SOCIAL_CARD_FONT_DIR) / FONT_FILES[weight]
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:
        logger.warning("%s is missing: social cards use Pillow's font (make pdf-libs)", path)
        return ImageFont.load_default(size=size)


def text_width(draw, text, face):
    """The width `text` takes from its origin, ink included: a bold "J" reaches left of its
    origin, and its overhang counts."""
    left, _, right, _ = draw.textbbox((0, 0), text, font=face, anchor="la")
    return max(right, draw.textlength(text, font=face)) - min(left, 0)


def draw_line(draw, left, top, text, face, fill):
    """`text` with its ink starting at `left`, not before it."""
    overhang = min(draw.textbbox((0, 0), text, font=face, anchor="la")[0], 0)
    draw.text((left - overhang, top), text, font=face, fill=fill, anchor="la")


def wrap(draw, text, face, width):
    """`text` in lines no wider than `width`, broken between words (inside a word only when
    the word alone is wider)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(draw, candidate, face) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while text_width(draw, word, face) > width:
            cut = len(word)
            while cut > 1 and text_width(draw, word[:cut], face) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def ellipsize(draw, line, face, width):
    """`line` with an ellipsis at its end, shortened (by words where it can) to fit."""
    line = line.rstrip(" ,.;:–—-")
    while line and text_width(draw, line + ELLIPSIS, face) > width:
        shorter = line.rsplit(" ", 1)[0] if " " in line else line[:-1]
        line = shorter.rstrip(" ,.;:–—-")
    return line + ELLIPSIS


def fit_title(draw, title, width, height):
    """(font, lines, line height) for the largest size at which `title` fits the box; at the
    smallest size, the lines that fit, the last ending with an ellipsis."""
    for size in TITLE_SIZES:
        face = font("bold", size)
        line_height = round(size * LINE_SPACING)
        lines = wrap(draw, title, face, width)
        if len(lines) * line_height <= height:
            return face, lines, line_height
    most = max(1, height // line_height)
    if len(lines) > most:
        lines = lines[: most - 1] + [ellipsize(draw, lines[most - 1], face, width)]
    return face, lines, line_height


HEART_HEIGHT = 260 / 250  # of its width


def draw_heart(draw, left, top, size):
    """The site's heart (its favicon), `size` pixels wide."""
    unit = size / 250
    circle = 140 * unit

    def at(x, y):
        return (left + x * unit, top + y * unit)

    draw.ellipse([*at(0, 0), at(0, 0)[0] + circle, at(0, 0)[1] + circle], fill=ACCENT)
    draw.ellipse([*at(110, 0), at(110, 0)[0] + circle, at(110, 0)[1] + circle], fill=ACCENT)
    draw.polygon([at(7, 100), at(243, 100), at(125, 260)], fill=ACCENT)


def place_picture(card, picture):
    """`picture` (a Pillow image) whole inside the box at the right, centred in it."""
    frame = 4  # a white edge, so a picture in the card's own green stands apart from it
    box = (PICTURE_BOX[0] - 2 * frame, PICTURE_BOX[1] - 2 * frame)
    fitted = ImageOps.contain(picture.convert("RGB"), box, Image.Resampling.LANCZOS)
    left = WIDTH - MARGIN - PICTURE_BOX[0] + (PICTURE_BOX[0] - fitted.width) // 2
    top = MARGIN + (PICTURE_BOX[1] - fitted.height) // 2
    right, bottom = left + fitted.width + frame - 1, top + fitted.height + frame - 1
    ImageDraw.Draw(card).rectangle([left - frame, top - frame, right, bottom], fill=PAPER)
    card.paste(fitted, (left, top))


def draw_card(title, kind, programme, picture=None):
    """The card as PNG (JPEG when a photograph would make the PNG heavy) bytes."""
    card = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(card)
    text_right = WIDTH - MARGIN
    if picture is not None:
        place_picture(card, picture)
        text_right -= PICTURE_BOX[0] + PICTURE_GAP
    column = text_right - MARGIN

    top = MARGIN
    if kind:
        face = font("bold", TYPE_SIZE)
        kind = wrap(draw, kind.upper(), face, column)[0]
        draw_line(draw, MARGIN, top, kind, face, ACCENT)
        top += TYPE_SIZE + 36

    # The programme's name at the foot, after a small heart, in the text's column.
    name_face = font("bold", NAME_SIZE)
    heart = 44
    name_left = MARGIN + heart + 20
    name = programme
    if text_width(draw, name, name_face) > text_right - name_left:
        name = ellipsize(draw, name, name_face, text_right - name_left)
    foot = HEIGHT - MARGIN
    draw_heart(draw, MARGIN, foot - heart * HEART_HEIGHT - 1, heart)
    draw.text((name_left, foot), name, font=name_face, fill=PAPER, anchor="ld")

    title_bottom = foot - NAME_SIZE - 48
    face, lines, line_height = fit_title(draw, title, column, title_bottom - top)
    for number, line in enumerate(lines):
        draw_line(draw, MARGIN, top + number * line_height, line, face, PAPER)
    return encode(card)


def encode(card):
    png = io.BytesIO()
    card.save(png, "PNG", optimize=True)
    if png.tell() <= PNG_LIMIT:
        return DrawnCard(png.getvalue(), "png")
    for quality in (85, 75, 60):
        jpeg = io.BytesIO()
        card.save(jpeg, "JPEG", quality=quality, optimize=True, progressive=True)
        if jpeg.tell() < MAX_BYTES:
            break
    return DrawnCard(jpeg.getvalue(), "jpg")
