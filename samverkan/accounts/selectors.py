"""Reads for logins: their sessions."""

from __future__ import annotations

import re

from allauth.usersessions.models import UserSession
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _


def sessions_of(user: User) -> QuerySet[UserSession]:
    """The login's sessions that are still open, the latest seen first (one query; allauth's
    own list asks the session store once per session)."""
    open_keys = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    sessions: QuerySet[UserSession] = UserSession.objects.filter(
        user=user, session_key__in=open_keys
    ).order_by("-last_seen_at", "-pk")
    return sessions


# Checked in order: Edge and Opera also say Chrome, Chrome also says Safari.
_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
)
_PLAIN = re.compile(r"[^\w ./-]")


def session_device(user_agent: str) -> str:
    """Say which browser on which system a session is, from its user agent, in a few words."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if browser or system:
        return browser or system
    return _PLAIN.sub("", user_agent[:40]) or _("unknown browser")
