"""`samverkan rebuild-tallies [COUNCIL …] [--local-times]`: count the situational picture's
tallies afresh from the incidents (every council when none is named)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.incidents.services.tallies import tallies_rebuild
from samverkan.organisations.models import Council


class Command(BaseCommand):
    help = "Count the dashboard's tallies afresh from the incidents (all councils or those named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("councils", nargs="*", metavar="COUNCIL", help="Short names (slugs).")
        parser.add_argument(
            "--local-times",
            action="store_true",
            help="Work out each incident's local month, weekday and hour again first (slower).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slugs: list[str] = options["councils"]
        councils = Council.objects.order_by("slug")
        if slugs:
            councils = councils.filter(slug__in=slugs)
            missing = sorted(set(slugs) - {c.slug for c in councils})
            if missing:
                raise CommandError(f"Inget råd / no council: {', '.join(missing)}")
        for council in councils:
            started = time.perf_counter()
            tallies_rebuild(council.pk, local_parts=options["local_times"])
            elapsed = time.perf_counter() - started
            self.stdout.write(f"{council.slug}: {elapsed:.1f} s")
