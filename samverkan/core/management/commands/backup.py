"""`samverkan backup FILE`: the database, the uploaded files and the secret key in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a backup (database, uploaded files, secret key) to one archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The archive to write, e.g. backup.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_create(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Säkerhetskopian är skriven / backup written: {options['file']} "
            f"({manifest['database']}, {len(manifest['files'])} filer / files)"
        )
