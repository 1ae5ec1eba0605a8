"""`samverkan import-archive DIR-or-ZIP --council SLUG`: import a folder (or a ZIP) of years of
minutes, notices and plan documents, file by file, with a line per file.

The same import as the upload's background job (`core/importing/archive.py`): each file whole
or not at all, a file imported before is a duplicate, so running it again changes nothing.
With nobody to look at a preview, a file whose date, time or place was guessed is imported
and its line says so; plan documents naming unknown parties are refused with their names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.core.importing import archive
from samverkan.core.importing.archive import FileOutcome
from samverkan.organisations.selectors import access_public_council

WORDS = {
    archive.IMPORTED: "importerad",
    archive.DUPLICATE: "dubblett",
    archive.NEEDS_LOOK: "att titta på",
    archive.REFUSED: "avvisad",
}


class Command(BaseCommand):
    help = (
        "Import a folder or ZIP archive of minutes, notices and plan documents (text, DOCX, "
        "PDF; scans by OCR) into a council, file by file, with a report per file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="A folder, or a ZIP archive.")
        parser.add_argument("--council", required=True, help="The council's short name.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            council = access_public_council(options["council"], publishing=False)
        except NotFoundError:
            raise CommandError(
                f"Rådet finns inte / no such council: {options['council']}"
            ) from None
        source = Path(options["source"])
        with translation.override("sv"):
            try:
                if source.is_dir():
                    files = archive.folder_files(source)
                elif source.is_file():
                    files = archive.zip_files(source.read_bytes())
                else:
                    raise CommandError(f"Finns inte / no such folder or file: {source}")
                report = archive.archive_import(
                    actor=None, council=council, files=files, each=self._line
                )
            except ServiceError as exc:
                raise CommandError(str(exc.message)) from exc
        counts = report["counts"]
        self.stdout.write(
            f"{counts[archive.IMPORTED]} importerade, {counts[archive.DUPLICATE]} dubbletter, "
            f"{counts[archive.REFUSED]} avvisade av {len(report['files'])} filer."
        )

    def _line(self, outcome: FileOutcome) -> None:
        detail = " · ".join(part for part in (outcome.label, outcome.reason) if part)
        self.stdout.write(
            f"{outcome.name}: {WORDS[outcome.outcome]}" + (f" ({detail})" if detail else "")
        )
