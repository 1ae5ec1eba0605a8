"""`samverkan import_incidents COUNCIL FILE [--organisation NAME] [--sheet NAME]
[--column field=header ...] [--check]`: import incidents from a CSV or XLSX table, all or
nothing, idempotent by source id."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.core.errors import ServiceError
from samverkan.core.importing import tables
from samverkan.incidents.services import bulk_import
from samverkan.organisations.models import Council, Organisation


def columns(
    headers: list[str],
    pairs: list[str],
    fields: dict[str, tuple[str, ...]],
    guess: Callable[[list[str]], dict[str, int | None]] | None = None,
) -> dict[str, int | None]:
    """The mapping guessed from the headers, overridden by field=header pairs."""
    mapping = guess(headers) if guess else tables.guess_mapping(headers, fields)
    lowered = [header.strip().lower() for header in headers]
    for pair in pairs:
        name, _sep, header = pair.partition("=")
        if name not in fields:
            raise CommandError(f"Okänt fält / unknown field: {name} ({', '.join(fields)})")
        if header.strip().lower() not in lowered:
            raise CommandError(f"Ingen kolumn / no column: {header}")
        mapping[name] = lowered.index(header.strip().lower())
    return mapping


class Command(BaseCommand):
    help = "Import incidents from a CSV or XLSX table (all or nothing; known ids are skipped)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("council", help="The council's short name (slug).")
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", default="", help="The reporting organisation's name.")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="FIELD=HEADER",
            help=f"Map a field to a column: {', '.join(bulk_import.FIELDS)}.",
        )
        parser.add_argument(
            "--sheet", default=None, help="The sheet of an XLSX workbook (else the first)."
        )
        parser.add_argument("--check", action="store_true", help="Only check the rows.")

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(slug=options["council"]).first()
        if council is None:
            raise CommandError(f"Inget råd / no council: {options['council']}")
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(
                council=council, name=options["organisation"]
            ).first()
            if organisation is None:
                raise CommandError(
                    f"Ingen organisation / no organisation: {options['organisation']}"
                )
        path: Path = options["file"]
        try:
            started = time.perf_counter()
            table = tables.read_table(path.name, path.read_bytes(), sheet=options["sheet"])
            mapping = columns(
                table.headers,
                options["column"],
                bulk_import.FIELDS,
                guess=bulk_import.guess_mapping,
            )
            checked = bulk_import.incidents_import_check(
                council=council, table=table, mapping=mapping, organisation=organisation
            )
            for problem in checked.problems:
                self.stderr.write(f"rad / row {problem.row}: {problem.message}")
            if checked.problem_count:
                raise CommandError(
                    f"{checked.problem_count} problem; inget importerades / nothing imported"
                )
            if options["check"]:
                self.stdout.write(
                    f"OK: {len(checked.incidents)} nya / new, "
                    f"{checked.skipped} redan importerade / already imported"
                )
                return
            result = bulk_import.incidents_import(
                actor=None, council=council, table=table, mapping=mapping, organisation=organisation
            )
            elapsed = time.perf_counter() - started
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(
            f"{result.created} importerade / imported, {result.skipped} överhoppade / skipped "
            f"({len(table.rows) / max(elapsed, 1e-9):.0f} rader/s / rows/s)"
        )
