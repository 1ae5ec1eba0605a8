"""`samverkan fetch-police-events [--council SLUG]`: fetch the police's events feed for every
council that turned it on (run it every hour, e.g. from cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.core.errors import ServiceError
from samverkan.incidents.police import services
from samverkan.incidents.police.models import PoliceFeed


class Command(BaseCommand):
    help = "Fetch the police's events for the councils that have turned the feed on."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", help="Only this council (its short name).")

    def handle(self, *args: Any, **options: Any) -> None:
        feeds = PoliceFeed.objects.filter(enabled=True).select_related(
            "council", "council__municipality"
        )
        if options["council"]:
            feeds = feeds.filter(council__slug=options["council"])
        failed = 0
        for feed in feeds.order_by("council__slug"):
            try:
                text = services.police_events_fetch(council=feed.council)
            except ServiceError as exc:
                failed += 1
                self.stderr.write(f"{feed.council.slug}: {exc.message}")
                continue
            self.stdout.write(f"{feed.council.slug}: {text}")
        if failed:
            raise CommandError(f"{failed} misslyckades / failed")
