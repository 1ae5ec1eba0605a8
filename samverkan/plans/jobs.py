"""The plans' scheduled job (`core.schedule`): the daily reminders before agreements end."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverkan.core.schedule import Every, scheduled
from samverkan.plans.services.agreements import agreement_reminders_send


@scheduled("remind-agreements", every=Every.DAY)
def remind_agreements(now: dt.datetime) -> str:
    report = agreement_reminders_send(today=timezone.localdate(now))
    return f"{len(report.sent)} reminders sent, {len(report.nobody)} without a coordinator"
