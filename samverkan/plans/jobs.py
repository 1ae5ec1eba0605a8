"""The plans' scheduled jobs (`core.schedule`): the daily reminders before agreements end, and
to report on the plan's activities before a meeting of the body that decided it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverkan.core.schedule import Every, scheduled
from samverkan.plans.services.agreements import agreement_reminders_send
from samverkan.plans.services.reporting import report_reminders_send


@scheduled("remind-agreements", every=Every.DAY)
def remind_agreements(now: dt.datetime) -> str:
    report = agreement_reminders_send(today=timezone.localdate(now))
    return f"{len(report.sent)} reminders sent, {len(report.nobody)} without a coordinator"


@scheduled("remind-reporters", every=Every.DAY)
def remind_reporters(now: dt.datetime) -> str:
    report = report_reminders_send(today=timezone.localdate(now))
    return f"{report.queued} reminders to report before {len(report.meetings)} meetings"
