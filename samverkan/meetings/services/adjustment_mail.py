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
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samverkan.core.mail import mail_queue, mail_references_sent, site_link
from samverkan.meetings.models import Meeting, MinutesRevision, SignatureRole

# Days after the minutes were sent for approval before an approver who has not approved is
# reminded (once).
REMINDER_AFTER = dt.timedelta(days=3)


@dataclass(frozen=True)
class _Reached:
    address: str
    user: User | None


def _reach(person_id: int | None) -> _Reached | None:
    if person_id is None:
        return None
    return _reach_all([person_id]).get(person_id)


def _wants_approval_mail(user: User) -> bool:
    """The login's choice, read from the row selected with it (the default for one that never
    chose)."""
    try:
        return bool(user.mail_choices.minutes_approval)
    except ObjectDoesNotExist:
        return True


def _reach_all(person_ids: list[int]) -> dict[int, _Reached]:
    """How each of these people is reached by mail, read in one query (a person with no
    address, or a user who chose not to get these mails, is left out)."""
    from samverkan.organisations.models import Person

    reached: dict[int, _Reached] = {}
    people = Person.objects.select_related("user__mail_choices").filter(pk__in=set(person_ids))
    for person in people:
        user = person.user if person.user is not None and person.user.is_active else None
        if user is not None:
            if not _wants_approval_mail(user):
                continue
            if user.email.strip():
                reached[person.pk] = _Reached(address=user.email.strip(), user=user)
                continue
        if person.email.strip():
            reached[person.pk] = _Reached(address=person.email.strip(), user=user)
    return reached


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
    (the daily job). Answers how many reminders were queued. The people and the reminders
    sent before are read once for all waiting minutes, not per approver."""
    waiting = (
        MinutesRevision.objects.filter(
            adjusted_at__isnull=True, updated_at__lte=now - REMINDER_AFTER
        )
        .exclude(content_hash="")
        .select_related("meeting__body__council")
        .prefetch_related("approvals")
    )
    due: list[tuple[MinutesRevision, dict[str, object], str, int]] = []
    for revision in waiting:
        given = {(a.role, a.name) for a in revision.approvals.all()}
        for entry in revision.approvers:
            person_id = entry.get("person_id")
            if (entry.get("role"), entry.get("name")) in given or not isinstance(person_id, int):
                continue
            due.append(
                (revision, entry, _reference(revision, entry, "minutes_reminder"), person_id)
            )
    sent = mail_references_sent([reference for _, _, reference, _ in due])
    reached_by_person = _reach_all([person_id for _, _, _, person_id in due])
    queued = 0
    with translation.override("sv"):
        for revision, entry, reference, person_id in due:
            reached = reached_by_person.get(person_id)
            if reference[:100] in sent or reached is None:
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
