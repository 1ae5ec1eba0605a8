"""The accounts' scheduled job (`core.schedule`): forgetting old sign-ins, daily."""

from __future__ import annotations

import datetime as dt

from samverkan.accounts.login_limit import sign_ins_prune
from samverkan.core.schedule import Every, scheduled


@scheduled("prune-sign-ins", every=Every.DAY)
def prune_sign_ins(now: dt.datetime) -> str:
    return f"{sign_ins_prune(now=now)} sign-ins deleted"
