"""Reads for logins: their sessions, what they want by e-mail."""

from __future__ import annotations

import re

from allauth.usersessions.models import UserSession
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.models import CouncilRole, MailChoices, ModerationMail, Role


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


def mail_choices_of(user: User) -> MailChoices:
    """What the login wants by e-mail; the defaults (unsaved) for one that never chose."""
    choices = MailChoices.objects.filter(user=user).first()
    return choices if choices is not None else MailChoices(user=user)


def moderators_by_choice(council_id: int, choice: ModerationMail) -> list[User]:
    """The council's coordinators with an active login and an address who want the mails of
    reports waiting for moderation so (at once, daily)."""
    user_ids = list(
        CouncilRole.objects.filter(council_id=council_id, role=Role.COORDINATOR).values_list(
            "user_id", flat=True
        )
    )
    by_user = dict(
        MailChoices.objects.filter(user_id__in=user_ids).values_list("user_id", "moderation")
    )
    return [
        user
        for user in User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
        if by_user.get(user.pk, ModerationMail.AT_ONCE) == choice
    ]
