"""Mails of the adjustment: the adjusters (and the chair, where the body wants it) are told when
minutes are sent for their approval, and reminded once after three days while they still wait.

Mails go through `core.mail` (queued with the freeze, sent by the worker). An approver is
reached through their login's address (if they have not turned such mails off on their account
page), else through the address the council keeps for the person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samverkan.accounts.selectors import mail_choices_of
from samverkan.core.mail import mail_queue, mail_sent_before, site_link
from samverkan.meetings.models import Meeting, MinutesRevision, SignatureRole

# Days after the minutes were sent for approval before an approver who has not approved is
# reminded (once).
REMINDER_AFTER = dt.timedelta(days=3)


@dataclass(frozen=True)
class _Reached:
    address: str
    user: User | None


def _reach(person_id: int | None) -> _Reached | None:
    from samverkan.organisations.models import Person

    if person_id is None:
        return None
    person = Person.objects.select_related("user").filter(pk=person_id).first()
    if person is None:
        return None
    user = person.user if person.user is not None and person.user.is_active else None
    if user is not None:
        if not mail_choices_of(user).minutes_approval:
            return None
        if user.email.strip():
            return _Reached(address=user.email.strip(), user=user)
    if person.email.strip():
        return _Reached(address=person.email.strip(), user=user)
    return None


def _message(meeting: Meeting, role_label: str, reminder: bool) -> tuple[str, str]:
    when = meeting.date.isoformat()
    link = site_link(
        reverse("meetings:meeting_detail", args=[meeting.body.council.slug, meeting.pk])
    )
    facts = {"body": meeting.body.name, "date": when, "role": role_label, "link": link}
    if reminder:
        subject = _("Reminder: the minutes of %(body)s %(date)s wait for your approval") % facts
        body = (
            _(
                "The minutes of %(body)s from %(date)s have waited three days for your approval "
                "as %(role)s.\n\nRead and approve them here (sign in first):\n%(link)s"
            )
            % facts
        )
    else:
        subject = _("The minutes of %(body)s %(date)s wait for your approval") % facts
        body = (
            _(
                "The minutes of %(body)s from %(date)s are ready for your approval as %(role)s.\n\n"
                "Read and approve them here (sign in first):\n%(link)s\n\n"
                "You will be reminded once if they still wait in three days."
            )
            % facts
        )
    return subject, body


def _reference(revision: MinutesRevision, entry: dict[str, object], kind: str) -> str:
    return f"{kind}:{revision.pk}:{entry.get('role')}:{entry.get('person_id')}"


def approvers_tell(*, revision: MinutesRevision) -> int:
    """Queue a mail to each approver of a revision just sent for approval. Answers how many."""
    meeting = Meeting.objects.select_related("body__council").get(pk=revision.meeting_id)
    queued = 0
    with translation.override("sv"):
        for entry in revision.approvers:
            person_id = entry.get("person_id")
            reached = _reach(person_id if isinstance(person_id, int) else None)
            if reached is None:
                continue
            label = str(SignatureRole(str(entry["role"])).label)
            subject, body = _message(meeting, label, reminder=False)
            mail_queue(
                kind="minutes_approval",
                to=reached.address,
                subject=subject,
                body=body,
                recipient=reached.user,
                reference=_reference(revision, entry, "minutes_approval"),
            )
            queued += 1
    return queued


def approvers_remind(*, now: dt.datetime) -> int:
    """Remind, once, each approver who has not approved minutes sent three days ago or more
    (the daily job). Answers how many reminders were queued."""
    waiting = (
        MinutesRevision.objects.filter(
            adjusted_at__isnull=True, updated_at__lte=now - REMINDER_AFTER
        )
        .exclude(content_hash="")
        .select_related("meeting__body__council")
        .prefetch_related("approvals")
    )
    queued = 0
    with translation.override("sv"):
        for revision in waiting:
            given = {(a.role, a.name) for a in revision.approvals.all()}
            for entry in revision.approvers:
                if (entry.get("role"), entry.get("name")) in given:
                    continue
                reference = _reference(revision, entry, "minutes_reminder")
                if mail_sent_before(reference):
                    continue
                person_id = entry.get("person_id")
                reached = _reach(person_id if isinstance(person_id, int) else None)
                if reached is None:
                    continue
                label = str(SignatureRole(str(entry["role"])).label)
                subject, body = _message(revision.meeting, label, reminder=True)
                mail_queue(
                    kind="minutes_reminder",
                    to=reached.address,
                    subject=subject,
                    body=body,
                    recipient=reached.user,
                    reference=reference,
                )
                queued += 1
    return queued
