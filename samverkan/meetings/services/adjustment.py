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
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.accounts.second_factor import has_second_factor
from samverkan.accounts.services import login_credentials_held
from samverkan.core.audit import (
    Actor,
    audit_create,
    audit_delete,
    audit_update,
    history_of,
    last_change_of,
    snapshot,
)
from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditAction, AuditEvent
from samverkan.meetings.minutes_content import content_hash as checksum
from samverkan.meetings.minutes_content import minutes_content
from samverkan.meetings.models import (
    Approval,
    Meeting,
    MeetingStatus,
    MinutesRevision,
    Posting,
    SignatureRole,
)
from samverkan.meetings.services.adjustment_mail import approvers_tell
from samverkan.webhooks.events import webhook_emit
from samverkan.webhooks.models import WebhookEvent

if TYPE_CHECKING:
    from samverkan.organisations.models import Person

APPEAL_PERIOD = dt.timedelta(weeks=3)


class MinutesState(StrEnum):
    WRITING = "writing"
    AWAITING_APPROVAL = "awaiting_approval"
    ADJUSTED = "adjusted"


@dataclass
class Approver:
    role: str  # SignatureRole
    name: str
    person_id: int | None  # None: the name is not a registered person, who cannot approve here
    approval: Approval | None
    # The audit event of the approver's current link to their login (`with_links`).
    linked: AuditEvent | None = None

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


def _wanted(meeting: Meeting) -> list[dict[str, object]]:
    """Who must approve the working copy now: its adjusters, and the chair if the body asks."""
    roles = [SignatureRole.ADJUSTER]
    if meeting.body.chair_adjusts:
        roles.append(SignatureRole.CHAIR)
    return [
        {"role": s.role, "name": s.name, "person_id": s.person_id}
        for role in roles
        for s in meeting.signatures.all()
        if s.role == role
    ]


def approvers(meeting: Meeting, revision: MinutesRevision | None = None) -> list[Approver]:
    """Who must approve: frozen into a frozen revision, else read from the working copy."""
    frozen = revision is not None and bool(revision.content_hash)
    wanted = revision.approvers if frozen and revision is not None else _wanted(meeting)
    given = list(revision.approvals.all()) if frozen and revision is not None else []
    result = []
    for entry in wanted:
        person_id = entry.get("person_id")
        result.append(
            Approver(
                role=str(entry["role"]),
                name=str(entry["name"]),
                person_id=person_id if isinstance(person_id, int) else None,
                approval=next(
                    (a for a in given if a.role == entry["role"] and a.name == entry["name"]),
                    None,
                ),
            )
        )
    return result


def with_links(found: list[Approver]) -> list[Approver]:
    """Give each approver the event that linked its person to their login, in one query, to
    show beside the approval who made that link (four eyes)."""
    from samverkan.organisations.models import Person

    ids = {str(a.person_id) for a in found if a.person_id is not None}
    latest: dict[str, AuditEvent] = {}
    events = AuditEvent.objects.filter(
        model=Person._meta.label, object_id__in=ids, changes__has_key="user"
    ).select_related("actor")
    for event in events:  # newest first
        latest.setdefault(event.object_id, event)
    for approver in found:
        approver.linked = latest.get(str(approver.person_id))
    return found


def _resolve_signatures(meeting: Meeting) -> None:
    """Link each signature to the council's registered person of that name, where there is
    exactly one (people are often registered after the minutes were written or imported)."""
    from samverkan.meetings.services.attendance import person_named

    for signature in meeting.signatures.filter(person__isnull=True):
        person = person_named(meeting.body.council_id, signature.name)
        if person is not None:
            before = snapshot(signature)
            signature.person = person
            signature.save(update_fields=["person", "updated_at"])
            audit_update(
                actor=None, instance=signature, before=before, council_id=meeting.body.council_id
            )


@transaction.atomic
def minutes_freeze(*, actor: Actor, meeting: Meeting) -> MinutesRevision:
    """Freeze the working copy for approval. Bodies that do not adjust are final at once."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.HELD:
        raise ServiceError(_("Only the minutes of a meeting that has been held can be adjusted."))
    ensure_editable(meeting)
    _resolve_signatures(meeting)
    if not meeting.items.exists():
        raise ServiceError(_("The minutes have no items."))
    content = minutes_content(
        Meeting.objects.prefetch_related(
            "items__decisions", "items__records", "attendance", "signatures", "attachments"
        )
        .select_related("body__council__municipality")
        .get(pk=meeting.pk)
    )
    names_adjuster = any(s["role"] == SignatureRole.ADJUSTER for s in content["signatures"])
    if meeting.body.adjusts_minutes and not names_adjuster:
        raise ServiceError(_("Name the adjuster (justerare) before the minutes are adjusted."))
    latest = latest_revision(meeting)
    # A correction or a taken-back draft is an open revision with empty content; fill it.
    revision = MinutesRevision(meeting=meeting, number=1) if latest is None else latest
    before = snapshot(revision) if revision.pk else None
    revision.content = content
    revision.content_hash = checksum(content)
    revision.approvers = _wanted(meeting)
    revision.created_by = actor if isinstance(actor, User) else None
    revision.save()
    council_id = meeting.body.council_id
    if before is None:
        audit_create(actor=actor, instance=revision, council_id=council_id)
    else:
        audit_update(actor=actor, instance=revision, before=before, council_id=council_id)
    # Final at once only where the body does not adjust and no adjuster is named: a named
    # adjuster always approves, whatever the body's setting says today.
    if not meeting.body.adjusts_minutes and not names_adjuster:
        _adjust(actor=actor, revision=revision)
    else:
        approvers_tell(revision=revision)
    return revision


@transaction.atomic
def minutes_take_back(*, actor: Actor, meeting: Meeting) -> MinutesRevision:
    """Unfreeze minutes awaiting approval so that they can be changed; approvals given lapse."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    if minutes_state(meeting) != MinutesState.AWAITING_APPROVAL:
        raise ServiceError(_("Only minutes waiting for approval can be taken back."))
    revision = latest_revision(meeting)
    assert revision is not None  # noqa: S101 (the state says so)
    council_id = meeting.body.council_id
    for approval in revision.approvals.all():
        audit_delete(actor=actor, instance=approval, council_id=council_id)
        approval.delete()
    before = snapshot(revision)
    revision.content, revision.content_hash, revision.approvers = {}, "", []
    revision.save(update_fields=["content", "content_hash", "approvers", "updated_at"])
    audit_update(actor=actor, instance=revision, before=before, council_id=council_id)
    return revision


def person_id_of(user: User | AnonymousUser) -> int | None:
    """The registered person a login acts as, if any."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person.pk if person is not None else None


@transaction.atomic
def minutes_approve(*, actor: User, meeting: Meeting, role: str, content_hash: str) -> Approval:
    """Record the actor's approval of the frozen minutes, as the adjuster or as the chair.

    The approver is the registered person named in the frozen revision, matched by the login
    linked to that person, never by name. `content_hash` is the checksum of the content the
    approver was shown: approving is refused if the minutes were frozen again since.
    """
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    revision = latest_revision(meeting)
    if revision is None or minutes_state(meeting) != MinutesState.AWAITING_APPROVAL:
        raise ServiceError(_("There are no minutes waiting for approval."))
    if content_hash != revision.content_hash:
        raise ServiceError(
            _("The minutes have changed since you read them. Read them again before approving.")
        )
    person_id = person_id_of(actor)
    mine = [
        a
        for a in approvers(meeting, revision)
        if a.role == role and person_id is not None and a.person_id == person_id
    ]
    if not mine:
        raise ServiceError(
            _("Only the person chosen as %(role)s can approve the minutes as %(role)s.")
            % {"role": SignatureRole(role).label if role in SignatureRole.values else role}
        )
    if revision.created_by_id is not None and revision.created_by_id == actor.pk:
        raise ServiceError(_("The one who sent the minutes for approval cannot also approve them."))
    _ensure_four_eyes(actor=actor, revision=revision)
    if mine[0].approval is not None:
        raise ServiceError(_("You have already approved these minutes."))
    if checksum(revision.content) != revision.content_hash:
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


def _ensure_four_eyes(*, actor: User, revision: MinutesRevision) -> None:
    """Refuse an approval that the one who froze the minutes could have given alone.

    Only the holder knows the login's credentials (set by themselves, `login_credentials_set`),
    it has a second factor (unless SECOND_FACTOR_OPTIONAL, the demo and tests), and the one who
    froze the minutes neither created or invited the login nor made its current link to the
    approver (read from the audit trail, so no path around the pages escapes it).
    """
    if not login_credentials_held(actor):
        raise ServiceError(
            _(
                "The password of your login was chosen by someone else. Choose your own "
                "password (on My account, or with “Forgot your password?”) before you approve "
                "minutes."
            )
        )
    if not settings.SECOND_FACTOR_OPTIONAL and not has_second_factor(actor):
        raise ServiceError(
            _("Approving minutes needs a second factor. Add one on My account first.")
        )
    froze = revision.created_by_id
    if froze is None:
        return
    created_by_froze = history_of(actor).filter(action=AuditAction.CREATE, actor_id=froze).exists()
    person = getattr(actor, "person", None)
    link = last_change_of(person, "user") if person is not None else None
    if created_by_froze or (link is not None and link.actor_id == froze):
        raise ServiceError(
            _(
                "This login was created for the approver, or linked to them, by the one who "
                "sent the minutes for approval, so its approval does not count. Ask another "
                "coordinator or a site administrator to link the approver's own login."
            )
        )


def link_refusal(actor: Actor, person: Person) -> str | None:
    """Why `actor` may not link a login to `person` now: they froze minutes awaiting the
    person's approval. Registered with `accounts.services.link_guards` (meetings/apps.py), so
    that the link is refused when it is made, not only at the approval."""
    if actor is None or not actor.pk:
        return None
    awaiting = MinutesRevision.objects.filter(created_by_id=actor.pk, adjusted_at__isnull=True)
    for approvers_of in awaiting.exclude(content_hash="").values_list("approvers", flat=True):
        if any(approver.get("person_id") == person.pk for approver in approvers_of):
            return _(
                "You sent minutes for approval that this person is to approve, so you may not "
                "link a login to them. Ask another coordinator or a site administrator."
            )
    return None


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
        kept_at=meeting.body.minutes_kept_at or _kept_with_secretary(meeting),
    )
    audit_create(actor=actor, instance=posting, council_id=council_id)
    webhook_emit(
        council_id=council_id,
        event=WebhookEvent.MINUTES_ADJUSTED,
        object_id=meeting.pk,
        page="meetings:meeting_detail",
    )


@transaction.atomic
def minutes_correct(*, actor: Actor, meeting: Meeting, reason: str) -> MinutesRevision:
    """Open a correction of adjusted minutes: a new revision, linked to the old, with a reason."""
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Say why the adjusted minutes are corrected."))
    if len(reason) > 2000:
        raise ServiceError(_("The reason may be at most 2000 characters."))
    Meeting.objects.select_for_update().get(pk=meeting.pk)
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


def _kept_with_secretary(meeting: Meeting) -> str:
    # Stored text on the public notice board: always Swedish, whoever approved.
    with translation.override("sv"):
        return _("with the secretary of %(council)s") % {"council": meeting.body.council.name}


def adjustment_stamp(revision: MinutesRevision) -> str:
    """The note printed under the signatures of adjusted minutes, in Swedish like them."""
    with translation.override("sv"):
        return _adjustment_stamp(revision)


def _adjustment_stamp(revision: MinutesRevision) -> str:
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
