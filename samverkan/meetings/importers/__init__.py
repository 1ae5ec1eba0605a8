"""Importers that turn uploaded meeting documents into structured data.

`text_extract.extract_text` turns the bytes of a PDF, DOCX or text file into plain text and
`minutes_parser.parse_minutes` reads minutes or a notice from that text. Neither imports
Django, so both run without settings; messages are plain English and the caller translates
them (every message below is listed with its Swedish translation in
docs/formats/minutes-import.md).
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MAX_IMPORT_BYTES",
    "REJECTION_MESSAGES",
    "ImportRejected",
    "gettext_noop",
]


def gettext_noop(message: str) -> str:
    """Mark a message for translation and return it unchanged, as Django's gettext_noop does.

    `makemessages` finds messages by this name, so they reach the .po file although this
    package does not import Django; the caller translates with gettext(message).
    """
    return message


# Larger uploads are refused before any parsing, so a hostile file cannot tie up a worker.
MAX_IMPORT_BYTES: Final = 20 * 1024 * 1024

EMPTY: Final = "empty"
TOO_LARGE: Final = "too_large"
BINARY: Final = "binary"
NO_TEXT_LAYER: Final = "no_text_layer"
ENCRYPTED: Final = "encrypted"
UNREADABLE: Final = "unreadable"
UNSUPPORTED_FORMAT: Final = "unsupported_format"
NOT_MINUTES: Final = "not_minutes"

# One fixed English message per code, so the caller can translate it with gettext as is.
REJECTION_MESSAGES: Final[dict[str, str]] = {
    EMPTY: gettext_noop("The file is empty."),
    TOO_LARGE: gettext_noop("The file is larger than 20 MB."),
    BINARY: gettext_noop("The file does not contain readable text."),
    NO_TEXT_LAYER: gettext_noop(
        "The PDF has no text layer; it is probably a scanned image. "
        "Run text recognition (OCR) on it or upload the original document."
    ),
    ENCRYPTED: gettext_noop(
        "The PDF is password-protected. Remove the password and upload it again."
    ),
    UNREADABLE: gettext_noop("The file could not be read. It may be damaged."),
    UNSUPPORTED_FORMAT: gettext_noop(
        "This file format is not supported. "
        "Upload a PDF with text, a Word document (.docx) or a plain text file."
    ),
    NOT_MINUTES: gettext_noop(
        "The text does not look like minutes or a notice: "
        "no meeting date, numbered items or attendance list was found."
    ),
}


# The name is part of the importer contract that callers catch, hence no "Error" suffix.
class ImportRejected(Exception):  # noqa: N818
    """The document cannot be imported; `message` is English for the caller to translate."""

    def __init__(self, code: str, message: str | None = None) -> None:
        self.code = code
        self.message = message if message is not None else REJECTION_MESSAGES.get(code, code)
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"ImportRejected(code={self.code!r}, message={self.message!r})"
