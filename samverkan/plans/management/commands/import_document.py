"""`samverkan import-document FILE`: import citizen promises, a cooperation agreement or an
implementation plan from text, DOCX, PDF, XLSX or CSV."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.core.importing.limits import MAX_IMPORT_BYTES
from samverkan.organisations.models import Council
from samverkan.organisations.selectors import OrganisationResolver, access_public_council
from samverkan.plans.importers.plan_documents import KINDS
from samverkan.plans.services.importing import (
    CREATE,
    DocumentPlan,
    Mapping,
    document_import,
    document_import_plan,
    plan_json,
)


class Command(BaseCommand):
    help = (
        "Import citizen promises, a cooperation agreement or an implementation plan "
        "(plain text, DOCX, PDF with text, XLSX or CSV) into a council."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--kind", choices=KINDS, help="The kind; recognised if left out.")
        parser.add_argument(
            "--council", help="The council's short name; needed if there are several."
        )
        parser.add_argument("--year", type=int, help="The year of a plan that does not say it.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="NAME=ORGANISATION",
            help="What a responsible name means: 'KBAB=Köpings Bostads AB'. Repeatable.",
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Create an organisation for each responsible name that is not known.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would be imported.")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        council = self._council(options["council"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen finns inte / no such file: {path}")
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise CommandError("Filen är större än 20 MB. / The file is larger than 20 MB.")
        data = path.read_bytes()
        mapping = self._mapping(council, options["map"])
        arguments: dict[str, Any] = {
            "council": council,
            "data": data,
            "filename": path.name,
            "kind": options["kind"],
            "year": options["year"],
            "mapping": mapping,
        }
        try:
            plan = document_import_plan(**arguments)
            if options["create_missing"]:
                for choice in plan.unresolved:
                    mapping[choice.name] = CREATE
                plan = document_import_plan(**arguments)
            if not options["dry_run"]:
                with transaction.atomic():
                    _result, plan = document_import(actor=None, **arguments)
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(plan_json(plan), ensure_ascii=False, indent=2))
        else:
            self._report(plan, saved=not options["dry_run"])

    def _council(self, slug: str | None) -> Council:
        if slug:
            try:
                return access_public_council(slug, publishing=False)
            except NotFoundError:
                raise CommandError(f"Rådet finns inte / no such council: {slug}") from None
        councils = list(Council.objects.all()[:2])
        if len(councils) != 1:
            raise CommandError("Ange rådet med --council. / Name the council with --council.")
        return councils[0]

    def _mapping(self, council: Council, pairs: list[str]) -> Mapping:
        resolve = OrganisationResolver(council)
        mapping: Mapping = {}
        for pair in pairs:
            name, _sep, target = pair.partition("=")
            organisation = resolve(target)
            if not name.strip() or organisation is None:
                raise CommandError(
                    f"Okänd organisation i --map / unknown organisation in --map: {pair}"
                )
            mapping[name.strip()] = organisation.pk
        return mapping

    def _report(self, plan: DocumentPlan, *, saved: bool) -> None:
        parsed = plan.parsed
        write = self.stdout.write
        write(("Importerat" if saved else "Provläsning (inget sparat)") + f": {plan.filename}")
        write(f"  {parsed.kind} {plan.year}: {parsed.title or ''}")
        if parsed.kind == "promises":
            write(f"  löften {len(parsed.promises)}, undertecknare {len(parsed.signatories)}")
        elif parsed.kind == "agreement":
            write(f"  åtaganden {len(parsed.commitments)}, parter {len(parsed.parties)}")
        else:
            write(f"  aktiviteter {len(parsed.activities)}")
        for choice in plan.names:
            target = choice.organisation.name if choice.organisation else "?"
            if choice.create:
                target = "(ny / new)"
            write(f"  {choice.name} → {target}")
        for line in plan.errors:
            write(f"  FEL rad {line.line}: {line.message}")
        for line in plan.warnings:
            write(f"  rad {line.line}: {line.message}")
        if plan.unresolved:
            write(
                "  Okända ansvariga; ange --map NAMN=ORGANISATION eller --create-missing. / "
                "Unknown responsible parties; give --map or --create-missing."
            )
