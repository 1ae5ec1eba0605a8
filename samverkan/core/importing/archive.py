"""An archive of documents (a ZIP, or a folder for the command) imported file by file, by
whichever importer recognises each file: minutes and notices (meetings), promise documents and
plans (plans).

Core stands below the apps, so it knows no importer: each app registers its own in its
`AppConfig.ready` (`register`), with a test on the text (`recognises`) and the import of one
file (`import_file`), which is all-or-nothing and says what became of the file. The archive
tries the importers in their order; a file none recognises is refused with the reason of the
first.

`archive_import` is the work of one background job (`ImportJob`, kind `ARCHIVE_KIND`): after
each file its report row is written to the job's `result`, so a job whose worker died and that
is started again continues from the files not yet done, and a cancelled job stops between two
files (each file is saved whole or not at all). The same archive twice changes nothing: every
importer reports a file it has imported before as a duplicate.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import Any, Final, Protocol

from django.utils.translation import gettext as _

from samverkan.core import upload_limits
from samverkan.core.errors import ServiceError
from samverkan.core.importing.limits import MAX_IMPORT_BYTES
from samverkan.core.importing.models import ImportJob
from samverkan.core.importing.progress import Progress
from samverkan.core.importing.rejections import ImportRejected
from samverkan.core.importing.text import extract_document

ARCHIVE_KIND: Final = "archive"
MAX_ARCHIVE_FILES: Final = 200
DOCUMENT_SUFFIXES: Final = frozenset({".txt", ".text", ".md", ".pdf", ".docx"})

IMPORTED: Final = "imported"
DUPLICATE: Final = "duplicate"
NEEDS_LOOK: Final = "needs_look"
REFUSED: Final = "refused"
OUTCOMES: Final = (IMPORTED, DUPLICATE, NEEDS_LOOK, REFUSED)


@dataclass
class FileOutcome:
    """What became of one file of an archive: its report row (kept as JSON on the job)."""

    name: str
    outcome: str
    reason: str = ""
    kind: str = ""  # which importer took it: "minutes", "promises" …
    label: str = ""  # what it became: "Trygghetsrådet, 2020-03-03"
    url: str = ""  # its page once imported, or its preview when it needs a look
    warnings: int = 0  # lines the parser could not place
    ocr_confidence: float | None = None


class ImportFile(Protocol):
    def __call__(
        self, *, actor: Any, council: Any, data: bytes, filename: str, name: str
    ) -> FileOutcome: ...


@dataclass(frozen=True)
class DocumentImporter:
    """One app's importer of single documents, for archives."""

    kind: str
    order: int
    # Whether the text is a document of this importer (raises nothing).
    recognises: Callable[[str], bool]
    # Import one file whole or not at all, or keep it for a look; never raises ServiceError.
    import_file: ImportFile


_IMPORTERS: dict[str, DocumentImporter] = {}


def register(importer: DocumentImporter) -> None:
    """Add an app's importer (from its AppConfig.ready; registering again replaces it)."""
    _IMPORTERS[importer.kind] = importer


def importers() -> list[DocumentImporter]:
    return sorted(_IMPORTERS.values(), key=lambda importer: (importer.order, importer.kind))


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


@dataclass(frozen=True)
class ArchiveFile:
    name: str  # its path in the archive or folder
    read: Callable[[], bytes]


def _hidden(parts: tuple[str, ...]) -> bool:
    return "__MACOSX" in parts or any(part.startswith(".") for part in parts)


def _checked_count(count: int) -> None:
    if not count:
        raise ServiceError(_("The archive holds no files."))
    if count > MAX_ARCHIVE_FILES:
        raise ServiceError(
            _("The archive holds %(count)s files; at most %(max)s can be imported at once.")
            % {"count": count, "max": MAX_ARCHIVE_FILES}
        )


def zip_files(data: bytes) -> list[ArchiveFile]:
    """The files of a ZIP archive in name order, without folders and the system's hidden
    files. Raises ServiceError when the archive cannot be read or is too large."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ServiceError(_("The file is larger than 20 MB."))
    try:
        upload_limits.check_zip(data)  # before any member is inflated
        archive = zipfile.ZipFile(BytesIO(data))
    except upload_limits.UnpackRefused as exc:
        raise ServiceError(_(exc.message)) from exc
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ServiceError(_("The archive could not be read.")) from exc
    members = sorted(
        (
            member
            for member in archive.infolist()
            if not member.is_dir() and not _hidden(PurePosixPath(member.filename).parts)
        ),
        key=lambda member: member.filename,
    )
    _checked_count(len(members))
    return [
        ArchiveFile(member.filename, lambda member=member: archive.read(member))  # type: ignore[misc]
        for member in members
    ]


def folder_files(folder: Path) -> list[ArchiveFile]:
    """The files under a folder (and its subfolders) in name order, hidden ones left out."""
    paths = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and not _hidden(path.relative_to(folder).parts)
    )
    _checked_count(len(paths))
    return [ArchiveFile(path.relative_to(folder).as_posix(), path.read_bytes) for path in paths]


def import_one(*, actor: Any, council: Any, file: ArchiveFile) -> FileOutcome:
    """Import one file of an archive by the first importer that recognises it."""
    name = file.name
    filename = PurePosixPath(name).name
    if PurePosixPath(name).suffix.lower() not in DOCUMENT_SUFFIXES:
        return FileOutcome(name, REFUSED, _("Only text, Word (.docx) and PDF files are imported."))
    data = file.read()
    if len(data) > MAX_IMPORT_BYTES:
        return FileOutcome(name, REFUSED, _("The file is larger than 20 MB."))
    try:
        # Read once here (a scan through OCR); the importer's own reading finds it cached.
        text = extract_document(data, filename).text
    except ImportRejected as exc:
        return FileOutcome(name, REFUSED, _(exc.message))
    chosen = [importer for importer in importers() if importer.recognises(text)]
    if not chosen:
        return FileOutcome(
            name,
            REFUSED,
            _("Neither minutes, a notice nor a plan document (promises, plan, agreement)."),
        )
    return chosen[0].import_file(
        actor=actor, council=council, data=data, filename=filename, name=name
    )


def counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many files came out each way."""
    return {outcome: sum(1 for row in rows if row["outcome"] == outcome) for outcome in OUTCOMES}


def archive_import(
    *,
    actor: Any,
    council: Any,
    files: list[ArchiveFile],
    job: ImportJob | None = None,
    progress: Progress | None = None,
    each: Callable[[FileOutcome], None] | None = None,
) -> dict[str, Any]:
    """Import the files one by one; answer the report `{"files": [...], "counts": {...}}`.

    With a job, the rows already in its result are kept and their files skipped (a resumed
    job), and each new row is written to it at once; `progress` counts the files and stops
    between two files once the user has cancelled.
    """
    rows: list[dict[str, Any]] = list((job.result or {}).get("files", [])) if job else []
    done = {row["name"] for row in rows}
    if progress is not None:
        progress.phase(_("Importing the files"), total=len(files))
        progress.advance(len(done))
    for file in _not_done(files, done):
        if progress is not None:
            progress.check()
        outcome = import_one(actor=actor, council=council, file=file)
        rows.append(asdict(outcome))
        if job is not None:
            ImportJob.objects.filter(pk=job.pk).update(
                result={"files": rows, "counts": counts(rows)}
            )
        if progress is not None:
            progress.advance(len(rows))
        if each is not None:
            each(outcome)
    return {"files": rows, "counts": counts(rows)}


def _not_done(files: list[ArchiveFile], done: set[str]) -> Iterator[ArchiveFile]:
    return (file for file in files if file.name not in done)
