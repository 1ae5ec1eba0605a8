"""`samverkan import-minutes FILE`: import minutes or a notice from text, DOCX or PDF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.core.importing.limits import MAX_IMPORT_BYTES
from samverkan.meetings.services.minutes_import import (
    ImportPlan,
    minutes_import,
    minutes_import_plan,
    warning_text,
)
from samverkan.organisations.models import Council
from samverkan.organisations.selectors import access_public_council


class Command(BaseCommand):
    help = "Import minutes or a notice (plain text, DOCX or PDF with text) into a council."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--council", help="The council's short name; needed if there are several."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would be imported.")
        parser.add_argument("--json", action="store_true", help="Print the parsed minutes as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        council = self._council(options["council"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen finns inte / no such file: {path}")
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise CommandError("Filen är större än 20 MB. / The file is larger than 20 MB.")
        data = path.read_bytes()
        try:
            if options["dry_run"]:
                plan = minutes_import_plan(council=council, data=data, filename=path.name)
            else:
                with transaction.atomic():
                    _meeting, plan = minutes_import(
                        actor=None, council=council, data=data, filename=path.name
                    )
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(plan.parsed.to_json(), ensure_ascii=False, indent=2))
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

    def _report(self, plan: ImportPlan, *, saved: bool) -> None:
        parsed = plan.parsed
        write = self.stdout.write
        write(("Importerat" if saved else "Provläsning (inget sparat)") + f": {plan.filename}")
        span = f"{parsed.start or ''}–{parsed.end or ''}"
        write(f"  {plan.body.name} {plan.date} {span} {parsed.place or ''}")
        people = parsed.attendance
        write(
            f"  närvarande {len(people.present)}, gäster {len(people.guests)},"
            f" ej närvarande {len(people.absent)}"
        )
        decisions = sum(len(item.decisions) for item in parsed.items)
        write(
            f"  ärenden {len(parsed.items)}, beslut {decisions}, bilagor {len(parsed.attachments)}"
        )
        write(f"  kommande sammanträden {len(plan.schedule)}")
        for warning in parsed.warnings:
            write(f"  rad {warning.line}: {warning_text(warning)}")
