"""`samverkan restore FILE`: an archive of `samverkan backup` into a new, empty installation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup into an empty database (stop the web server and the worker first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="An archive written by samverkan backup")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restored = backup_restore(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Återställd / restored: {restored.engine}, {restored.files} uppladdade filer / files"
            + (", hemlig nyckel / secret key" if restored.key else "")
        )
