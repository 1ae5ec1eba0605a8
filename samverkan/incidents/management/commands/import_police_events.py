"""`samverkan import-police-events COUNCIL FILE`: keep the police's events of the council's
municipality from a saved answer of the police's events API (docs/formats/police-events.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.core.errors import ServiceError
from samverkan.incidents.police import services
from samverkan.organisations.models import Council


class Command(BaseCommand):
    help = "Import the police's events of the council's municipality from a JSON file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("council", help="The council's short name (slug).")
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(slug=options["council"]).first()
        if council is None:
            raise CommandError(f"Inget råd / no council: {options['council']}")
        try:
            data = options["file"].read_bytes()
            result = services.police_events_import(
                actor=None, council=council, data=data, source=options["file"].name
            )
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(services.result_text(result))
