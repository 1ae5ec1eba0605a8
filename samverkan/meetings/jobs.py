"""The meetings' scheduled job (`core.schedule`): approvers reminded of minutes that wait."""

from __future__ import annotations

import datetime as dt

from samverkan.core.schedule import Every, scheduled
from samverkan.meetings.services.adjustment_mail import approvers_remind


@scheduled("remind-approvers", every=Every.DAY)
def remind_approvers(now: dt.datetime) -> str:
    return f"{approvers_remind(now=now)} reminders queued"
