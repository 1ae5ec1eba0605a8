"""`samverkan fetch-police-events [--council SLUG]`: fetch the police's events feed for every
council that turned it on (run it every hour, e.g. from cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.incidents.police import services


class Command(BaseCommand):
    help = "Fetch the police's events for the councils that have turned the feed on."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", help="Only this council (its short name).")

    def handle(self, *args: Any, **options: Any) -> None:
        fetches = services.police_events_fetch_enabled(council_slug=options["council"])
        for fetch in fetches:
            if fetch.failed:
                self.stderr.write(f"{fetch.council.slug}: {fetch.text}")
            else:
                self.stdout.write(f"{fetch.council.slug}: {fetch.text}")
        failed = sum(fetch.failed for fetch in fetches)
        if failed:
            raise CommandError(f"{failed} misslyckades / failed")
