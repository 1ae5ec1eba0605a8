"""The ground floor's scheduled job (`core.schedule`): mails whose task never came."""

from __future__ import annotations

import datetime as dt

from samverkan.core.mail import mail_deliver_overdue
from samverkan.core.schedule import Every, scheduled


@scheduled("deliver-overdue-mail", every=Every.HOUR)
def deliver_overdue_mail(now: dt.datetime) -> str:
    return f"{mail_deliver_overdue(now=now)} mails tried"
