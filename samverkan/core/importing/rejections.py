"""Why a file cannot be imported: one exception for every importer, with a code and a message.

Messages are plain English, marked with `gettext_noop` so that makemessages finds them; the
caller translates them with gettext (the Swedish of each is in docs/formats/minutes-import.md).
No Django import: the parsers run without settings.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "BINARY",
    "EMPTY",
    "ENCRYPTED",
    "NOT_A_DATE",
    "NO_TEXT_LAYER",
    "REJECTION_MESSAGES",
    "TOO_LARGE",
    "UNREADABLE",
    "UNSUPPORTED_FORMAT",
    "ImportRejected",
    "gettext_noop",
]


def gettext_noop(message: str) -> str:
    """Mark a message for translation and return it unchanged, as Django's gettext_noop does.

    `makemessages` finds messages by this name, so they reach the .po file although the
    parsers do not import Django; the caller translates with gettext(message).
    """
    return message


EMPTY: Final = "empty"
TOO_LARGE: Final = "too_large"
BINARY: Final = "binary"
NO_TEXT_LAYER: Final = "no_text_layer"
ENCRYPTED: Final = "encrypted"
UNREADABLE: Final = "unreadable"
UNSUPPORTED_FORMAT: Final = "unsupported_format"
NOT_A_DATE: Final = "not_a_date"

# One fixed English message per code, so the caller can translate it with gettext as is.
# An importer's own codes ("not_minutes", "not_plan_document") carry their message along.
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
    NOT_A_DATE: gettext_noop("No date that exists was found."),
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
