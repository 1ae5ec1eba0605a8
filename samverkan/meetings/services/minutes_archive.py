"""Import an archive (a ZIP) of many minutes and notices at once, with a report per file.

Each file goes through `minutes_import` in a savepoint of its own: it is imported whole or not
at all, and one refused file does not stop the others. A file imported before (the same bytes)
is reported as a duplicate, so the same archive twice changes nothing. Every imported file
records its own audit events (minutes_import does); the report says why each other file was
left out.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePosixPath
from typing import Final, Literal

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core import upload_limits
from samverkan.core.audit import Actor
from samverkan.core.errors import ServiceError
from samverkan.core.importing.limits import MAX_IMPORT_BYTES
from samverkan.meetings.models import Meeting, MinutesImport
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.organisations.models import Council

MAX_ARCHIVE_FILES: Final = 200
DOCUMENT_SUFFIXES: Final = frozenset({".txt", ".text", ".md", ".pdf", ".docx"})

Outcome = Literal["imported", "duplicate", "refused"]


@dataclass
class ArchiveEntry:
    filename: str
    outcome: Outcome
    reason: str = ""
    meeting: Meeting | None = None
    warnings: int = 0  # what the parser could not place, to look at on the meeting's page
    ocr_confidence: float | None = None


@dataclass
class ArchiveReport:
    filename: str
    entries: list[ArchiveEntry] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for entry in self.entries if entry.outcome == outcome)

    @property
    def imported(self) -> int:
        return self.count("imported")

    @property
    def duplicates(self) -> int:
        return self.count("duplicate")

    @property
    def refused(self) -> int:
        return self.count("refused")


def is_archive(data: bytes) -> bool:
    """Say whether the bytes are a ZIP archive of documents (not a Word or Excel file)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return "word/document.xml" not in names and "xl/workbook.xml" not in names


def _documents(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's files in name order, without folders and the system's hidden files."""
    members = [
        member
        for member in archive.infolist()
        if not member.is_dir()
        and "__MACOSX" not in PurePosixPath(member.filename).parts
        and not PurePosixPath(member.filename).name.startswith(".")
    ]
    return sorted(members, key=lambda member: member.filename)


def minutes_archive_import(
    *, actor: Actor, council: Council, data: bytes, filename: str
) -> ArchiveReport:
    """Import every minutes or notice file in a ZIP archive; return the report per file.

    Raises ServiceError (nothing imported) when the archive itself cannot be read: not a ZIP,
    too large unpacked, or more than MAX_ARCHIVE_FILES files.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ServiceError(_("The file is larger than 20 MB."))
    try:
        upload_limits.check_zip(data)  # before any member is inflated
        archive = zipfile.ZipFile(BytesIO(data))
    except upload_limits.UnpackRefused as exc:
        raise ServiceError(_(exc.message)) from exc
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ServiceError(_("The archive could not be read.")) from exc
    report = ArchiveReport(filename=filename[:255])
    with archive:
        members = _documents(archive)
        if not members:
            raise ServiceError(_("The archive holds no files."))
        if len(members) > MAX_ARCHIVE_FILES:
            raise ServiceError(
                _("The archive holds %(count)s files; at most %(max)s can be imported at once.")
                % {"count": len(members), "max": MAX_ARCHIVE_FILES}
            )
        for member in members:
            report.entries.append(_import_member(actor, council, archive, member))
    return report


def _import_member(
    actor: Actor, council: Council, archive: zipfile.ZipFile, member: zipfile.ZipInfo
) -> ArchiveEntry:
    name = member.filename
    if PurePosixPath(name).suffix.lower() not in DOCUMENT_SUFFIXES:
        return ArchiveEntry(
            name, "refused", _("Only text, Word (.docx) and PDF files are imported.")
        )
    content = archive.read(member)
    sha256 = hashlib.sha256(content).hexdigest()
    earlier = MinutesImport.objects.filter(council=council, sha256=sha256).first()
    if earlier is not None:
        return ArchiveEntry(
            name,
            "duplicate",
            _("Imported before on %(date)s (%(file)s).")
            % {"date": f"{earlier.created_at:%Y-%m-%d}", "file": earlier.filename},
        )
    try:
        with transaction.atomic():
            meeting, plan = minutes_import(
                actor=actor,
                council=council,
                data=content,
                filename=PurePosixPath(name).name,
            )
    except ServiceError as exc:
        return ArchiveEntry(name, "refused", str(exc.message))
    return ArchiveEntry(
        name,
        "imported",
        meeting=meeting,
        warnings=len(plan.parsed.warnings),
        ocr_confidence=plan.ocr_confidence,
    )
