"""Reading the words on a picture with Tesseract (Debian's `tesseract-ocr`, installed by
`make tesseract`), the way a reader's eyes would, rather than trusting the drawing code."""

import io
import re
import shutil
import subprocess
import tempfile

from PIL import Image, ImageOps

from tests.tools import tool_missing


def tesseract():
    found = shutil.which("tesseract")
    if found is None:
        tool_missing(
            "OCR TEST NOT RUN: Tesseract is missing (make tesseract, or apt-get install -y "
            "tesseract-ocr).",
            required_by=("REQUIRE_TESSERACT",),
        )
    return found


def read_text(data, box=None):
    """The words Tesseract reads on the picture (`box`: only that part of it), as one line.

    Light text on a dark ground is turned dark on light, as Tesseract reads best.
    """
    binary = tesseract()
    picture = Image.open(io.BytesIO(data)).convert("L")
    if box:
        picture = picture.crop(box)
    if picture.getpixel((0, 0)) < 128:
        picture = ImageOps.invert(picture)
    with tempfile.NamedTemporaryFile(suffix=".png") as file:
        picture.save(file, "PNG")
        file.flush()
        result = subprocess.run(
            [binary, file.name, "stdout", "-l", "eng", "--psm", "6"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    return " ".join(result.stdout.split())


def words(text):
    """The words of `text`, lower case, without punctuation: what OCR and a title share."""
    return re.findall(r"[a-z0-9]+", text.lower())
