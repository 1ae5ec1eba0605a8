"""`samverkan remind-agreements`: e-mail the coordinators 60 and 30 days before a cooperation
agreement ends. Run it daily (cron or a systemd timer); each reminder is sent once, and a
missed day is caught up."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samverkan.core.management.daily import add_today_argument, today_from
from samverkan.plans.services.agreements import agreement_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail the council's coordinators 60 and 30 days before a cooperation agreement "
        "ends; each reminder once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_today_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_from(options)
        report = agreement_reminders_send(today=today)
        for reminder in report.sent:
            self.stdout.write(
                f"Påminnelse {reminder.days_before} dagar / reminder {reminder.days_before} days: "
                f"{reminder.agreement.title} → {reminder.recipients}"
            )
        for agreement in report.nobody:
            self.stderr.write(
                f"Ingen samordnare med e-postadress / no coordinator with an e-mail address: "
                f"{agreement.council.name}: {agreement.title}"
            )
        if not report.sent and not report.nobody:
            self.stdout.write("Inga påminnelser att skicka. / No reminders due.")
