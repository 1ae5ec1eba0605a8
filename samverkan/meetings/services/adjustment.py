"""Adjustment (justering) of minutes: freeze, approve, post on the notice board, correct.

A meeting's minutes move through these states, read from its latest MinutesRevision:

- no revision, or a revision with empty content: the working copy is being written (editable);
- a revision with content but not adjusted: frozen, awaiting the approvals (locked);
- an adjusted revision: immutable for ever; a change needs a correction (a new revision that
  names the old one and the reason), after which both stay readable.

Every approval records who, when and the SHA-256 of the exact content approved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.meetings.minutes_content import content_hash, minutes_content
from samverkan.meetings.models import (
    Approval,
    Meeting,
    MeetingStatus,
    MinutesRevision,
    Posting,
    SignatureRole,
)

APPEAL_PERIOD = dt.timedelta(weeks=3)


class MinutesState(StrEnum):
    WRITING = "writing"
    AWAITING_APPROVAL = "awaiting_approval"
    ADJUSTED = "adjusted"


@dataclass
class Approver:
    role: str  # SignatureRole
    name: str
    approval: Approval | None

    @property
    def label(self) -> str:
        return str(SignatureRole(self.role).label)


def latest_revision(meeting: Meeting) -> MinutesRevision | None:
    return meeting.revisions.order_by("-number").first()


def minutes_state(meeting: Meeting) -> MinutesState:
    latest = latest_revision(meeting)
    if latest is None or not latest.content_hash:
        return MinutesState.WRITING
    if latest.adjusted_at is None:
        return MinutesState.AWAITING_APPROVAL
    return MinutesState.ADJUSTED


def ensure_editable(meeting: Meeting) -> None:
    """Refuse any change to the working copy of frozen or adjusted minutes."""
    state = minutes_state(meeting)
    if state == MinutesState.ADJUSTED:
        raise ServiceError(
            _("The minutes are adjusted and cannot change. Open a correction to change them.")
        )
    if state == MinutesState.AWAITING_APPROVAL:
        raise ServiceError(
            _("The minutes are waiting for approval. Take them back to change them.")
        )


def approvers(meeting: Meeting, revision: MinutesRevision | None = None) -> list[Approver]:
    """Who must approve: the adjusters named in the minutes, and the chair if the body asks."""
    content = revision.content if revision is not None and revision.content else None
    signatures = (
        content["signatures"]
        if content is not None
        else [{"role": s.role, "name": s.name} for s in meeting.signatures.all()]
    )
    wanted = [s for s in signatures if s["role"] == SignatureRole.ADJUSTER]
    if meeting.body.chair_adjusts:
        wanted += [s for s in signatures if s["role"] == SignatureRole.CHAIR]
    given = list(revision.approvals.all()) if revision is not None else []
    return [
        Approver(
            role=s["role"],
            name=s["name"],
            approval=next((a for a in given if a.role == s["role"] and a.name == s["name"]), None),
        )
        for s in wanted
    ]


@transaction.atomic
def minutes_freeze(*, actor: Actor, meeting: Meeting) -> MinutesRevision:
    """Freeze the working copy for approval. Bodies that do not adjust are final at once."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.HELD:
        raise ServiceError(_("Only the minutes of a meeting that has been held can be adjusted."))
    ensure_editable(meeting)
    if not meeting.items.exists():
        raise ServiceError(_("The minutes have no items."))
    content = minutes_content(
        Meeting.objects.prefetch_related(
            "items__decisions", "items__records", "attendance", "signatures", "attachments"
        )
        .select_related("body__council__municipality")
        .get(pk=meeting.pk)
    )
    if meeting.body.adjusts_minutes and not any(
        s["role"] == SignatureRole.ADJUSTER for s in content["signatures"]
    ):
        raise ServiceError(_("Name the adjuster (justerare) before the minutes are adjusted."))
    latest = latest_revision(meeting)
    # A correction or a taken-back draft is an open revision with empty content; fill it.
    revision = MinutesRevision(meeting=meeting, number=1) if latest is None else latest
    before = snapshot(revision) if revision.pk else None
    revision.content = content
    revision.content_hash = content_hash(content)
    revision.created_by = actor if isinstance(actor, User) else None
    revision.save()
    council_id = meeting.body.council_id
    if before is None:
        audit_create(actor=actor, instance=revision, council_id=council_id)
    else:
        audit_update(actor=actor, instance=revision, before=before, council_id=council_id)
    if not meeting.body.adjusts_minutes:
        _adjust(actor=actor, revision=revision)
    return revision


@transaction.atomic
def minutes_take_back(*, actor: Actor, meeting: Meeting) -> MinutesRevision:
    """Unfreeze minutes awaiting approval so that they can be changed; approvals given lapse."""
    if minutes_state(meeting) != MinutesState.AWAITING_APPROVAL:
        raise ServiceError(_("Only minutes waiting for approval can be taken back."))
    revision = latest_revision(meeting)
    assert revision is not None  # noqa: S101 (the state says so)
    council_id = meeting.body.council_id
    for approval in revision.approvals.all():
        audit_delete(actor=actor, instance=approval, council_id=council_id)
        approval.delete()
    before = snapshot(revision)
    revision.content, revision.content_hash = {}, ""
    revision.save()
    audit_update(actor=actor, instance=revision, before=before, council_id=council_id)
    return revision


def _person_name(user: User | AnonymousUser) -> str | None:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person.name if person is not None else None


@transaction.atomic
def minutes_approve(*, actor: User, meeting: Meeting, role: str) -> Approval:
    """Record the actor's approval of the frozen minutes, as the adjuster or as the chair."""
    revision = latest_revision(meeting)
    if revision is None or minutes_state(meeting) != MinutesState.AWAITING_APPROVAL:
        raise ServiceError(_("There are no minutes waiting for approval."))
    revision = MinutesRevision.objects.select_for_update().get(pk=revision.pk)
    name = _person_name(actor)
    mine = [a for a in approvers(meeting, revision) if a.role == role and name and a.name == name]
    if not mine:
        raise ServiceError(
            _("Only the person chosen as %(role)s can approve the minutes as %(role)s.")
            % {"role": SignatureRole(role).label if role in SignatureRole.values else role}
        )
    if mine[0].approval is not None:
        raise ServiceError(_("You have already approved these minutes."))
    if content_hash(revision.content) != revision.content_hash:
        raise ServiceError(_("The frozen minutes do not match their checksum; ask the secretary."))
    approval = Approval.objects.create(
        revision=revision,
        role=role,
        user=actor,
        name=mine[0].name,
        content_hash=revision.content_hash,
    )
    audit_create(actor=actor, instance=approval, council_id=meeting.body.council_id)
    if all(a.approval is not None for a in approvers(meeting, revision)):
        _adjust(actor=actor, revision=revision)
    return approval


def _adjust(*, actor: Actor, revision: MinutesRevision) -> None:
    meeting = revision.meeting
    before = snapshot(revision)
    revision.adjusted_at = timezone.now()
    revision.save()
    council_id = meeting.body.council_id
    audit_update(actor=actor, instance=revision, before=before, council_id=council_id)
    # Posted on the day of adjustment: within the law's "no later than the second day".
    posted_on = timezone.localdate()
    posting = Posting.objects.create(
        revision=revision,
        posted_on=posted_on,
        removed_on=posted_on + APPEAL_PERIOD,
        kept_at=meeting.body.minutes_kept_at
        or _("with the secretary of %(council)s") % {"council": meeting.body.council.name},
    )
    audit_create(actor=actor, instance=posting, council_id=council_id)


@transaction.atomic
def minutes_correct(*, actor: Actor, meeting: Meeting, reason: str) -> MinutesRevision:
    """Open a correction of adjusted minutes: a new revision, linked to the old, with a reason."""
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Say why the adjusted minutes are corrected."))
    if len(reason) > 2000:
        raise ServiceError(_("The reason may be at most 2000 characters."))
    if minutes_state(meeting) != MinutesState.ADJUSTED:
        raise ServiceError(_("Only adjusted minutes are corrected; these can still be changed."))
    previous = latest_revision(meeting)
    assert previous is not None  # noqa: S101 (the state says so)
    revision = MinutesRevision.objects.create(
        meeting=meeting,
        number=previous.number + 1,
        content={},
        content_hash="",
        corrects=previous,
        reason=reason,
        created_by=actor if isinstance(actor, User) else None,
    )
    audit_create(actor=actor, instance=revision, council_id=meeting.body.council_id)
    return revision


def adjustment_stamp(revision: MinutesRevision) -> str:
    """The note printed under the signatures of adjusted minutes."""
    if revision.adjusted_at is None:
        return ""
    names = ", ".join(
        f"{a.name} ({a.get_role_display()}) {timezone.localtime(a.created_at):%Y-%m-%d %H.%M}"
        for a in revision.approvals.all()
    )
    stamp = _("Adjusted %(date)s") % {
        "date": f"{timezone.localtime(revision.adjusted_at):%Y-%m-%d}"
    }
    if names:
        stamp += ": " + names
    stamp += ". " + _("Checksum (SHA-256): %(hash)s") % {"hash": revision.content_hash}
    if revision.corrects_id:
        stamp += " " + _("Corrects revision %(number)s: %(reason)s") % {
            "number": revision.number - 1,
            "reason": revision.reason,
        }
    return stamp
