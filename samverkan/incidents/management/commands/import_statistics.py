"""`samverkan import_statistics COUNCIL crimes FILE [--sheet NAME] [--column field=header ...]
[--source TEXT]`,
`... kolada FILE.json`, `... population YEAR COUNT`: figures from Brå, Kolada and by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.core.errors import ServiceError
from samverkan.core.importing import tables
from samverkan.incidents.management.commands.import_incidents import columns
from samverkan.incidents.services import statistics
from samverkan.organisations.models import Council


class Command(BaseCommand):
    help = (
        "Import reported crimes (CSV/XLSX), Kolada key figures (API v2 JSON file) or a population."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("council", help="The council's short name (slug).")
        kinds = parser.add_subparsers(dest="kind", required=True)
        crimes = kinds.add_parser("crimes", help="Reported crimes from Brå's table.")
        crimes.add_argument("file", type=Path)
        crimes.add_argument("--column", action="append", default=[], metavar="FIELD=HEADER")
        crimes.add_argument("--source", default="Brå, anmälda brott")
        crimes.add_argument(
            "--sheet", default=None, help="The sheet of an XLSX workbook (else the first)."
        )
        kolada = kinds.add_parser("kolada", help="Key figures from a Kolada API v2 JSON file.")
        kolada.add_argument("file", type=Path)
        population = kinds.add_parser("population", help="The number of inhabitants of a year.")
        population.add_argument("year", type=int)
        population.add_argument("count", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(slug=options["council"]).first()
        if council is None:
            raise CommandError(f"Inget råd / no council: {options['council']}")
        try:
            if options["kind"] == "population":
                statistics.population_set(
                    actor=None, council=council, year=options["year"], count=options["count"]
                )
                self.stdout.write("OK")
                return
            data = options["file"].read_bytes()
            if options["kind"] == "kolada":
                result = statistics.key_figures_import(actor=None, council=council, data=data)
            else:
                table = tables.read_table(options["file"].name, data, sheet=options["sheet"])
                mapping = columns(
                    table.headers,
                    options["column"],
                    statistics.CRIME_FIELDS,
                    guess=statistics.crime_guess_mapping,
                )
                checked = statistics.crime_statistics_check(
                    council=council, table=table, mapping=mapping
                )
                for problem in checked.problems:
                    self.stderr.write(f"rad / row {problem.row}: {problem.message}")
                if checked.left_out:
                    self.stdout.write(statistics.left_out_text(checked))
                result = statistics.crime_statistics_import(
                    actor=None,
                    council=council,
                    table=table,
                    mapping=mapping,
                    source=options["source"],
                )
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"{result.created} nya / new, {result.updated} ändrade / updated")
