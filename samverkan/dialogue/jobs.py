"""The dialogue's scheduled job (`core.schedule`): the daily purge of free-text answers."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverkan.core.schedule import Every, scheduled
from samverkan.dialogue.services.retention import free_text_purge


@scheduled("purge-free-text", every=Every.DAY)
def purge_free_text(now: dt.datetime) -> str:
    report = free_text_purge(today=timezone.localdate(now))
    if report.cutoff is None:
        return "kept without limit"
    return f"{report.total} answers blanked"
