"""The ground floor's scheduled jobs (`core.schedule`): mails whose task never came, and the
records of old imports."""

from __future__ import annotations

import datetime as dt

from samverkan.core.importing.services import import_jobs_purge
from samverkan.core.mail import mail_attachments_purge, mail_deliver_overdue
from samverkan.core.schedule import Every, scheduled


@scheduled("deliver-overdue-mail", every=Every.HOUR)
def deliver_overdue_mail(now: dt.datetime) -> str:
    tried = mail_deliver_overdue(now=now)
    return f"{tried} mails tried, {mail_attachments_purge(now=now)} mail files deleted"


@scheduled("purge-import-records", every=Every.DAY)
def purge_import_records(now: dt.datetime) -> str:
    return f"{import_jobs_purge(now=now)} import records deleted"
