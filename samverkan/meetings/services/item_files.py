"""Files attached to agenda items: only PDF, DOCX, XLSX, PNG and JPEG, checked by content.

The type is read from the file's first bytes (and, for Word and Excel, from the names inside
the ZIP container), never from its name or the browser's content type, so a renamed program
is refused. Files are stored under a random name; the sanitised original name is kept for
display and download.

A document the application renders itself (a status report, a period report) is attached the
same way, checked like an upload: `document_attach`, to the item `default_item` suggests.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_delete
from samverkan.core.errors import ServiceError
from samverkan.meetings.models import AgendaItem, ItemFile
from samverkan.meetings.services.adjustment import ensure_editable

MAX_ITEM_FILE_BYTES = 20 * 1024 * 1024
FILENAME_STEM_MAX = 120


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extensions: tuple[str, ...]  # the first is added when the name has none of them


PDF = FileKind("PDF", "application/pdf", (".pdf",))
DOCX = FileKind(
    "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileKind(
    "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
)
PNG = FileKind("PNG", "image/png", (".png",))
JPEG = FileKind("JPEG", "image/jpeg", (".jpg", ".jpeg"))
ACCEPTED_KINDS = (PDF, DOCX, XLSX, PNG, JPEG)
# For the file input's `accept` attribute: a hint to the browser, not a check.
ACCEPT_ATTRIBUTE = ",".join(ext for kind in ACCEPTED_KINDS for ext in kind.extensions)


def _office_kind(upload: UploadedFile) -> FileKind | None:
    """Word and Excel files are ZIP containers; tell them apart by the parts they hold."""
    upload.seek(0)
    try:
        # Reads only the central directory: nothing is decompressed.
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def file_kind(upload: UploadedFile) -> FileKind | None:
    """The accepted kind the file's content shows, or None."""
    upload.seek(0)
    head = upload.read(8)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload)
    return None


def clean_filename(name: str, kind: FileKind) -> str:
    """The name to show and to download as: no path, no control or special characters, and
    an extension that matches the content ("rapport.exe" holding a PDF becomes
    "rapport.exe.pdf")."""
    base = PurePosixPath(unicodedata.normalize("NFC", name).replace("\\", "/")).name
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    suffix = "." + extension.lower()
    if suffix not in kind.extensions:
        stem, suffix = base, kind.extensions[0]
    stem = re.sub(r"[^\w\s.()-]", "", stem)
    stem = " ".join(stem.split()).strip(" .-")[:FILENAME_STEM_MAX].strip(" .-")
    return (stem or "fil") + suffix


def _refuse(message: str) -> ServiceError:
    return ServiceError(message, field="file")


@transaction.atomic
def item_file_add(*, actor: Actor, item: AgendaItem, upload: UploadedFile) -> ItemFile:
    """Attach the uploaded file to the item, if its content is of an accepted kind."""
    ensure_editable(item.meeting)
    size = upload.size or 0
    if size == 0:
        raise _refuse(_("The file is empty."))
    if size > MAX_ITEM_FILE_BYTES:
        raise _refuse(
            _("The file is larger than %(limit)d MB.")
            % {"limit": MAX_ITEM_FILE_BYTES // (1024 * 1024)}
        )
    kind = file_kind(upload)
    if kind is None:
        raise _refuse(
            _(
                "Only PDF, Word (.docx), Excel (.xlsx), PNG and JPEG files can be attached. "
                "This file is of another kind, whatever its name says."
            )
        )
    item_file = ItemFile(
        item=item,
        filename=clean_filename(upload.name or "", kind),
        content_type=kind.content_type,
        size=size,
    )
    upload.seek(0)
    item_file.file.save(secrets.token_hex(16) + kind.extensions[0], upload, save=False)
    # The stored file is not part of the transaction: remove it again if the row is not saved.
    try:
        item_file.save()
        audit_create(actor=actor, instance=item_file, council_id=item.meeting.body.council_id)
    except BaseException:
        item_file.file.delete(save=False)
        raise
    return item_file


@transaction.atomic
def item_file_delete(*, actor: Actor, item_file: ItemFile) -> None:
    """Delete the file; the stored copy goes once the deletion is committed."""
    ensure_editable(item_file.item.meeting)
    storage, name = item_file.file.storage, item_file.file.name
    audit_delete(actor=actor, instance=item_file, council_id=item_file.item.meeting.body.council_id)
    item_file.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def default_item(items: list[AgendaItem], words: tuple[str, ...]) -> AgendaItem:
    """The first meeting's item whose title holds one of the words, else its first item.

    The items are in meeting and number order, as the choice of items lists them.
    """
    first = [item for item in items if item.meeting_id == items[0].meeting_id]
    for item in first:
        title = item.title.lower()
        if any(word in title for word in words):
            return item
    return first[0]


@transaction.atomic
def document_attach(*, actor: Actor, item: AgendaItem, filename: str, content: bytes) -> ItemFile:
    """Attach a rendered PDF to the item as one of its files, checked like an upload.

    A file of the same name on the item is replaced, so that attaching again brings it up to
    date instead of listing two versions.
    """
    ensure_editable(item.meeting)
    if not content:
        raise ServiceError(_("The document could not be made."))
    for old in ItemFile.objects.filter(item=item, filename=filename).select_related(
        "item__meeting__body"
    ):
        item_file_delete(actor=actor, item_file=old)
    upload = SimpleUploadedFile(filename, content, content_type="application/pdf")
    return item_file_add(actor=actor, item=item, upload=upload)
