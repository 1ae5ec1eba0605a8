"""`samverkan purge-free-text`: blank the free-text survey answers kept longer than
SURVEY_FREE_TEXT_RETENTION_DAYS after their survey closed or they were given. Run it daily (cron
or a systemd timer); a missed day is caught up by the next run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samverkan.core.management.daily import add_today_argument, today_from
from samverkan.dialogue.services.retention import free_text_purge


class Command(BaseCommand):
    help = (
        "Blank free-text survey answers older than SURVEY_FREE_TEXT_RETENTION_DAYS "
        "(after the survey closed or the answer was given); one audit event per survey."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_today_argument(parser)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be blanked without changing anything.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_from(options)
        dry_run = bool(options["dry_run"])
        report = free_text_purge(today=today, dry_run=dry_run)
        if report.cutoff is None:
            self.stdout.write(
                "Fritextsvar sparas utan tidsgräns (SURVEY_FREE_TEXT_RETENTION_DAYS=0). / "
                "Free-text answers are kept without limit."
            )
            return
        verb = "skulle tömmas / would be blanked" if dry_run else "tömda / blanked"
        for survey, count in report.surveys:
            self.stdout.write(f"{survey.council.slug}: {survey.title_sv}: {count} {verb}")
        self.stdout.write(
            f"Fritextsvar före {report.cutoff.isoformat()} / free-text answers before "
            f"{report.cutoff.isoformat()}: {report.total} {verb}."
        )
