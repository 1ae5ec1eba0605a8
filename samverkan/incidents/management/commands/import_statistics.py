"""`samverkan import_statistics COUNCIL crimes FILE [--sheet NAME] [--column field=header ...]
[--source TEXT]`,
`... kolada FILE.json`, `... kolada-fetch --kpi N07540 --year 2023`, `... population YEAR
COUNT`: figures from Brå, Kolada (a saved file, or fetched from KOLADA_URL) and by hand."""

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
        fetch = kinds.add_parser(
            "kolada-fetch", help="Key figures of the list fetched from KOLADA_URL."
        )
        fetch.add_argument("--kpi", action="append", required=True, help="e.g. N07540")
        fetch.add_argument("--year", action="append", type=int, required=True)
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
            if options["kind"] == "kolada-fetch":
                result = statistics.key_figures_fetch(
                    actor=None, council=council, kpis=options["kpi"], years=options["year"]
                )
                self.stdout.write(f"{result.created} nya / new, {result.updated} ändrade / updated")
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
