"""Reading the text inside PDF documents, so site search can find what a report says.

Uploading or generating a PDF queues `publications.tasks.extract_document_text` once the
save is committed; the task stores the text in a `DocumentText` row and reindexes the
publications that offer the file. A file that cannot be read leaves a warning in the log
and on that row, and the document itself stays as it was: downloadable, never refused.
"""

import hashlib
import io
import logging

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

logger = logging.getLogger(__name__)

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
