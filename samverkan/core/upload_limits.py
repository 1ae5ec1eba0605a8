"""What an upload may unpack to: checked before a library decodes it, so no file can hold a
worker or its memory (decompression bombs).

The size of an upload says little: a 300 KB DOCX inflated to 669 MB, a 24 KB XLSX that claimed
a million rows of 16,384 columns took 475 MB, an 80-megapixel PNG of 310 KB costs a gigabyte.
So each kind is checked on what its header says it holds: a ZIP container (DOCX, XLSX) on its
directory (members, each member's and the total uncompressed size), then read once in bounded
chunks so a directory that lies is caught too; an image on its width and height; a PDF on its
page count; a sheet row by row, its declared dimension ignored. The limits are settings
(UPLOAD_*, README's configuration table); every upload path calls these checks.

The messages are English msgids for the caller to translate with gettext.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Final, cast

from django.utils.translation import gettext_noop

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet.worksheet import Worksheet

_CHUNK: Final = 1024 * 1024

UNPACKS_TOO_LARGE: Final = gettext_noop(
    "The file unpacks to more data than an upload may hold. It may be damaged or built to "
    "overload the server; save it again from its program, or split it."
)
TOO_MANY_PAGES: Final = gettext_noop(
    "The PDF has too many pages. Upload the document without its enclosures."
)
TOO_MANY_ROWS: Final = gettext_noop(
    "The sheet has too many rows or columns. Split it into smaller files."
)


@dataclass(frozen=True)
class UnpackLimits:
    """The defaults are those of settings.py, for code run without Django's settings."""

    zip_members: int = 10_000
    unpacked_member_bytes: int = 128 * 1024 * 1024
    unpacked_bytes: int = 256 * 1024 * 1024
    image_pixels: int = 40_000_000
    pdf_pages: int = 500
    sheet_rows: int = 500_000
    sheet_columns: int = 1_000


class UnpackRefused(Exception):  # noqa: N818 (a refusal, like the importers' ImportRejected)
    """The upload would unpack to more than its limits; `message` is an English msgid."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def unpack_limits() -> UnpackLimits:
    """The limits of settings.py (UPLOAD_*), or the defaults when Django is not configured."""
    from django.conf import settings

    if not settings.configured:
        return UnpackLimits()
    return UnpackLimits(
        zip_members=settings.UPLOAD_MAX_ZIP_MEMBERS,
        unpacked_member_bytes=settings.UPLOAD_MAX_UNPACKED_MEMBER_BYTES,
        unpacked_bytes=settings.UPLOAD_MAX_UNPACKED_BYTES,
        image_pixels=settings.UPLOAD_MAX_IMAGE_PIXELS,
        pdf_pages=settings.UPLOAD_MAX_PDF_PAGES,
        sheet_rows=settings.UPLOAD_MAX_SHEET_ROWS,
        sheet_columns=settings.UPLOAD_MAX_SHEET_COLUMNS,
    )


def check_zip(data: bytes, limits: UnpackLimits | None = None) -> None:
    """Refuse a ZIP container (DOCX, XLSX) that unpacks to more than the limits.

    The directory is read first (nothing decompressed); then each member is inflated once in
    chunks of a megabyte and counted, since the sizes in the directory are the sender's word.
    Costs one pass of decompression, bounded by the limits. Not a ZIP: nothing to check here.
    """
    limits = limits or unpack_limits()
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return  # not a readable ZIP: the reader that follows says so in its own words
    with archive:
        members = archive.infolist()
        declared = [member.file_size for member in members]
        if (
            len(members) > limits.zip_members
            or max(declared, default=0) > limits.unpacked_member_bytes
            or sum(declared) > limits.unpacked_bytes
        ):
            raise UnpackRefused(UNPACKS_TOO_LARGE)
        total = 0
        try:
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > limits.unpacked_bytes:
                            raise UnpackRefused(UNPACKS_TOO_LARGE)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
            # More data than the directory declared ends in a checksum error: a reader that
            # inflates the member whole would have held all of it in memory first.
            raise UnpackRefused(UNPACKS_TOO_LARGE) from exc


def check_pixels(width: int, height: int, limits: UnpackLimits | None = None) -> None:
    """Refuse an image whose header promises more pixels than the limit, before decoding."""
    limits = limits or unpack_limits()
    if width * height > limits.image_pixels:
        raise UnpackRefused(UNPACKS_TOO_LARGE)


def check_pages(count: int, limits: UnpackLimits | None = None) -> None:
    limits = limits or unpack_limits()
    if count > limits.pdf_pages:
        raise UnpackRefused(TOO_MANY_PAGES)


def check_unpacked(size: int, limits: UnpackLimits | None = None) -> None:
    """Refuse once the bytes a reader has inflated so far (a PDF's page contents, counted
    page by page before each is read) pass the total a ZIP may unpack to."""
    limits = limits or unpack_limits()
    if size > limits.unpacked_bytes:
        raise UnpackRefused(UNPACKS_TOO_LARGE)


def sheet_rows(
    sheet: ReadOnlyWorksheet, limits: UnpackLimits | None = None
) -> Iterator[tuple[object, ...]]:
    """The rows of a read-only sheet as values, at most the limits' rows and columns.

    The sheet's declared dimension is dropped first: read-only openpyxl pads every row to it,
    so a 24 KB file claiming A1:XFD1048576 would allocate gigabytes.
    """
    limits = limits or unpack_limits()
    sheet.reset_dimensions()
    # The stubs type iter_rows on Worksheet only; the read-only sheet borrows the same method.
    rows = cast("Worksheet", sheet).iter_rows(values_only=True)
    for count, row in enumerate(rows, start=1):
        if count > limits.sheet_rows + 1 or len(row) > limits.sheet_columns:
            raise UnpackRefused(TOO_MANY_ROWS)
        yield row
