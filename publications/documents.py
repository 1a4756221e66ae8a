"""Reading PDF documents: the text inside, so site search can find what a report says, and
the first page as a picture, the cover of a publication that has none of its own.

Uploading or generating a PDF queues `publications.tasks.extract_document_text` once the
save is committed; the task stores the text in a `DocumentText` row and reindexes the
publications that offer the file. A file that cannot be read leaves a warning in the log
and on that row, and the document itself stays as it was: downloadable, never refused.
The cover (`publications.tasks.make_pdf_cover`) is drawn by PDFium (pypdfium2), the
renderer Chromium uses, which needs nothing from Debian.
"""

import hashlib
import io
import logging

import pypdfium2
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

logger = logging.getLogger(__name__)

# A cover is drawn this wide (a card shows it at 400 px, twice that for sharp screens), and
# never taller than this many times its width, however odd the page's shape.
COVER_WIDTH = 800
COVER_MAX_ASPECT = 3
# More than the longest report's text; a bound so one odd file cannot bloat the index.
MAX_TEXT_LENGTH = 1_000_000


class UnreadablePdf(Exception):
    """The file is not a PDF pypdf can read: damaged, truncated or not a PDF at all."""


class EncryptedPdf(UnreadablePdf):
    """The PDF is encrypted with a password we do not have."""


def is_pdf(document):
    return document.file_extension.lower() == "pdf"


def file_bytes(document):
    with document.open_file() as handle:
        return handle.read()


def file_hash(data):
    return hashlib.sha1(data).hexdigest()


def pdf_text(data):
    """Every page's text, in order, or UnreadablePdf/EncryptedPdf saying why not."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are encrypted only to restrict printing, with an empty password.
            try:
                decrypted = reader.decrypt("")
            except DependencyError as error:  # AES without the `cryptography` package
                raise EncryptedPdf(f"encrypted in a way we cannot open ({error})") from None
            if not decrypted:
                raise EncryptedPdf("encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (EncryptedPdf, UnreadablePdf):
        raise
    except FileNotDecryptedError:
        raise EncryptedPdf("encrypted with a password") from None
    except Exception as error:  # pypdf raises many kinds of error on a damaged file
        raise UnreadablePdf(f"{type(error).__name__}: {error}") from None
    return "\n\n".join(text.strip() for text in pages)[:MAX_TEXT_LENGTH]


def first_page_picture(data):
    """The PDF's first page as a Pillow image, COVER_WIDTH pixels wide, on white; or
    EncryptedPdf/UnreadablePdf saying why not."""
    try:
        document = pypdfium2.PdfDocument(data)  # no password: an empty one is tried
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise EncryptedPdf("encrypted with a password") from None
        raise UnreadablePdf(str(error)) from None
    try:
        if len(document) == 0:
            raise UnreadablePdf("it has no pages")
        page = document[0]
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            raise UnreadablePdf("its first page has no size")
        # A page far taller than wide is cut (in PDF points, before drawing) at the bottom.
        crop = (0, max(0, height - width * COVER_MAX_ASPECT), 0, 0)
        bitmap = page.render(scale=COVER_WIDTH / width, crop=crop, fill_color=(255, 255, 255, 255))
        picture = bitmap.to_pil().convert("RGB")
        if picture.width != COVER_WIDTH:  # PDFium rounds the scaled size up
            height = round(picture.height * COVER_WIDTH / picture.width)
            picture = picture.resize((COVER_WIDTH, height), Image.Resampling.LANCZOS)
        return picture
    except pypdfium2.PdfiumError as error:
        raise UnreadablePdf(str(error)) from None
    finally:
        document.close()


def png_bytes(picture: Image.Image):
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
