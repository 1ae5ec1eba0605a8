"""`samverkan import-eval DIR`: the parsers' field accuracy on a corpus of documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.plans.importers.evaluation import evaluate_corpus, report_lines


class Command(BaseCommand):
    help = (
        "Score the minutes and promises parsers on a folder of documents, each with the JSON a "
        "person would copy from it: field accuracy per document, per layout and overall."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", nargs="?", default="tests/import_corpus/documents")
        parser.add_argument("--quiet", action="store_true", help="Leave out the missed fields.")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"Mappen finns inte / no such folder: {folder}")
        score = evaluate_corpus(folder)
        if not score.documents:
            raise CommandError(f"Inga dokument med JSON i / no documents with JSON in: {folder}")
        self.stdout.write("\n".join(report_lines(score, verbose=not options["quiet"])))
