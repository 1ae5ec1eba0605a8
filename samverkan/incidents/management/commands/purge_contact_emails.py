"""`samverkan purge-contact-emails`: blank citizens' e-mail addresses on reports older than
INCIDENT_CONTACT_RETENTION_DAYS. Run it daily (cron or a systemd timer); a missed day is caught
up by the next run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samverkan.core.management.daily import add_today_argument, today_from
from samverkan.incidents.services.retention import contact_emails_purge


class Command(BaseCommand):
    help = (
        "Blank citizens' e-mail addresses on incident reports older than "
        "INCIDENT_CONTACT_RETENTION_DAYS; one audit event per council."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_today_argument(parser)
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be blanked, change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_from(options)
        dry_run = bool(options["dry_run"])
        report = contact_emails_purge(today=today, dry_run=dry_run)
        if report.cutoff is None:
            self.stdout.write(
                "E-postadresser sparas utan tidsgräns (INCIDENT_CONTACT_RETENTION_DAYS=0). / "
                "E-mail addresses are kept without limit."
            )
            return
        verb = "skulle tömmas / would be blanked" if dry_run else "tömda / blanked"
        for council, count in report.councils:
            self.stdout.write(f"{council.slug}: {count} {verb}")
        self.stdout.write(
            f"E-postadresser före {report.cutoff:%Y-%m-%d} / e-mail addresses before "
            f"{report.cutoff:%Y-%m-%d}: {report.total} {verb}."
        )
