"""Publications, films and the library that lists them together (one module each)."""

from .authors import PublicationAuthor
from .documents import DocumentText, GeneratedPdf, PdfCover
from .downloads import DownloadCount
from .films import FilmPage, FilmPageForm
from .index import PublicationIndexPage
from .library import DatePrecision, LibraryItemPage
from .publications import (
    PublicationDownload,
    PublicationPage,
    PublicationType,
)

__all__ = [
    "DatePrecision",
    "DocumentText",
    "DownloadCount",
    "FilmPage",
    "FilmPageForm",
    "GeneratedPdf",
    "LibraryItemPage",
    "PdfCover",
    "PublicationAuthor",
    "PublicationDownload",
    "PublicationIndexPage",
    "PublicationPage",
    "PublicationType",
]
