"""Writes for the citizen promises: the set, its promises, and the activities that fulfil them.

Every write validates, runs in one transaction and is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.audit import (
    Actor,
    audit_create,
    audit_delete,
    snapshot,
)
from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditAction, AuditEvent
from samverkan.organisations.models import Council, Membership
from samverkan.plans.models import (
    EDITABLE_STATUSES,
    Activity,
    Agreement,
    AnchoringComment,
    Party,
    Plan,
    Promise,
    PromiseSet,
    PromiseSetStatus,
    Signatory,
)
from samverkan.plans.services.activities import activity_promises_change
from samverkan.plans.services.agreements import (
    check_period,
    delete_audited,
    next_position,
    one_line,
    save_audited,
)

MIN_YEAR, MAX_YEAR = 1990, 2100


# Citizen promises -------------------------------------------------------------------------


@dataclass
class PromiseSetFields:
    title: str
    year: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    signed_on: dt.date | None = None
    place: str = ""
    background: str = ""
    current_picture: str = ""
    dialogues: str = ""
    intro: str = ""
    agreement: Agreement | None = None


def _promise_set_values(council: Council, fields: PromiseSetFields) -> dict[str, object]:
    title = one_line(fields.title)
    if not title:
        raise ServiceError(_("Give the promises a title."), field="title")
    if fields.year is not None and not MIN_YEAR <= fields.year <= MAX_YEAR:
        raise ServiceError(
            _("The year must be between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
            field="year",
        )
    check_period(fields.valid_from, fields.valid_to)
    if fields.agreement is not None and fields.agreement.council_id != council.pk:
        raise ServiceError(_("The agreement must be the council's own."), field="agreement")
    year = fields.year or (fields.valid_from.year if fields.valid_from else None)
    return {
        "title": title[:300],
        "year": year,
        "valid_from": fields.valid_from,
        "valid_to": fields.valid_to,
        "signed_on": fields.signed_on,
        "place": one_line(fields.place)[:100],
        "background": fields.background.strip(),
        "current_picture": fields.current_picture.strip(),
        "dialogues": fields.dialogues.strip(),
        "intro": fields.intro.strip(),
        "agreement": fields.agreement,
    }


@transaction.atomic
def promise_set_create(*, actor: Actor, council: Council, fields: PromiseSetFields) -> PromiseSet:
    promise_set = PromiseSet(council=council, **_promise_set_values(council, fields))
    save_audited(actor, promise_set, council.pk, None)
    return promise_set


def check_editable(promise_set: PromiseSet) -> None:
    """Refuse a change of the text once the set has gone out for signing: what both parties
    sign is what is published."""
    if promise_set.status == PromiseSetStatus.SIGNING:
        raise ServiceError(
            _("The promises are out for signing: take them back to anchoring to change them.")
        )
    if promise_set.status not in EDITABLE_STATUSES:
        raise ServiceError(_("Signed promises are not changed: make a revision instead."))


@transaction.atomic
def promise_set_update(
    *, actor: Actor, promise_set: PromiseSet, fields: PromiseSetFields
) -> PromiseSet:
    check_editable(promise_set)
    values = _promise_set_values(promise_set.council, fields)
    before = snapshot(promise_set)
    for name, value in values.items():
        setattr(promise_set, name, value)
    save_audited(actor, promise_set, promise_set.council_id, before)
    return promise_set


def _promise_values(text: str, parties: list[str], position: int | None) -> dict[str, object]:
    text = text.strip()
    if not text:
        raise ServiceError(_("Write the promise."), field="text")
    if not parties or any(p not in Party.values for p in parties):
        raise ServiceError(_("Choose who makes the promise."), field="parties")
    if position is not None and position < 1:
        raise ServiceError(_("The number must be 1 or more."), field="number")
    # Kept in a fixed order: the municipality, then the police.
    return {"text": text, "parties": [p for p in Party.values if p in parties]}


@transaction.atomic
def promise_add(
    *,
    actor: Actor,
    promise_set: PromiseSet,
    text: str,
    parties: list[str],
    joint: bool = False,
    number: int | None = None,
) -> Promise:
    """Add a promise; `number` is its place in the list from 1, else it comes last."""
    check_editable(promise_set)
    values = _promise_values(text, parties, number)
    position = number - 1 if number else next_position(promise_set.promises.all())
    promise = Promise(promise_set=promise_set, position=position, joint=joint, **values)
    save_audited(actor, promise, promise_set.council_id, None)
    return promise


@transaction.atomic
def promise_update(
    *, actor: Actor, promise: Promise, text: str, parties: list[str], joint: bool, number: int
) -> Promise:
    check_editable(promise.promise_set)
    values = _promise_values(text, parties, number)
    before = snapshot(promise)
    promise.text, promise.parties = values["text"], values["parties"]  # type: ignore[assignment]
    promise.joint, promise.position = joint, number - 1
    save_audited(actor, promise, promise.promise_set.council_id, before)
    return promise


@transaction.atomic
def promise_delete(*, actor: Actor, promise: Promise) -> None:
    check_editable(promise.promise_set)
    delete_audited(actor, promise, promise.promise_set.council_id)


def activities_for_promise(promise: Promise) -> models.QuerySet[Activity]:
    """The activities that may fulfil the promise: those of the plans that follow its promise
    set, or of a plan of the set's year."""
    promise_set = promise.promise_set
    plans = models.Q(plan__promise_set=promise_set)
    if promise_set.year:
        plans |= models.Q(plan__year=promise_set.year)
    return (
        Activity.objects.filter(plans, plan__council_id=promise_set.council_id)
        .select_related("plan")
        .order_by("plan__year", "plan_id", "position", "id")
    )


@transaction.atomic
def promise_link_activities(*, actor: Actor, promise: Promise, activities: list[Activity]) -> None:
    """Make these the activities that fulfil the promise; each activity changed is audited."""
    allowed = {a.pk for a in activities_for_promise(promise)}
    if any(a.pk not in allowed for a in activities):
        raise ServiceError(
            _("Only activities of the plan of the promises' year can be linked."),
            field="activities",
        )
    chosen = {a.pk for a in activities}
    linked = set(promise.activities.values_list("pk", flat=True))
    for activity in Activity.objects.filter(pk__in=chosen ^ linked).select_related("plan"):
        if activity.pk in chosen:
            activity_promises_change(actor=actor, activity=activity, linked=[promise])
        else:
            activity_promises_change(actor=actor, activity=activity, unlinked=[promise])


# The lifecycle: draft → anchoring → signing → published → revised (docs/design/promises.md) --


def _move(actor: Actor, promise_set: PromiseSet, status: str) -> PromiseSet:
    before = snapshot(promise_set)
    promise_set.status = status
    save_audited(actor, promise_set, promise_set.council_id, before)
    return promise_set


def _expect(promise_set: PromiseSet, *statuses: str) -> None:
    if promise_set.status not in statuses:
        raise ServiceError(
            _("The promises are %(status)s: that cannot be done now.")
            % {"status": promise_set.get_status_display()}
        )


@transaction.atomic
def promise_set_start_anchoring(*, actor: Actor, promise_set: PromiseSet) -> PromiseSet:
    """Send the draft to the municipality's board and the police area for comments."""
    _expect(promise_set, PromiseSetStatus.DRAFT)
    if not promise_set.promises.exists():
        raise ServiceError(_("Write at least one promise first."))
    return _move(actor, promise_set, PromiseSetStatus.ANCHORING)


def _seat_of(actor: Actor, council_id: int) -> tuple[str, str]:
    """The commenter's name and the organisation they sit for today, as written now."""
    if actor is None or not actor.is_authenticated:
        return "", ""
    today = timezone.localdate()
    seats = Membership.objects.filter(
        person__user_id=actor.pk, body__council_id=council_id
    ).select_related("person", "organisation")
    for seat in seats:
        if seat.is_active_on(today):
            return seat.person.name, seat.organisation.name if seat.organisation else ""
    person = getattr(actor, "person", None)
    return (person.name if person is not None else actor.get_username()), ""


@transaction.atomic
def promise_set_comment(*, actor: Actor, promise_set: PromiseSet, text: str) -> AnchoringComment:
    """A comment while the promises are anchored, kept with who wrote it, for whom and when."""
    _expect(promise_set, PromiseSetStatus.ANCHORING)
    text = text.strip()
    if not text:
        raise ServiceError(_("Write the comment."), field="text")
    if len(text) > 4000:
        raise ServiceError(_("The comment is longer than 4000 characters."), field="text")
    name, organisation = _seat_of(actor, promise_set.council_id)
    comment = AnchoringComment(
        promise_set=promise_set,
        author=actor if actor is not None and actor.is_authenticated else None,
        author_name=(name or "–")[:200],
        organisation_name=organisation[:200],
        text=text,
    )
    comment.save()
    audit_create(actor=actor, instance=comment, council_id=promise_set.council_id)
    return comment


def _signers(promise_set: PromiseSet) -> list[Signatory]:
    return list(promise_set.signatories.select_related("person").filter(party__in=Party.values))


@transaction.atomic
def promise_set_start_signing(*, actor: Actor, promise_set: PromiseSet) -> PromiseSet:
    """Freeze the text and ask both parties' signatories to sign in the platform."""
    _expect(promise_set, PromiseSetStatus.ANCHORING)
    if not promise_set.promises.exists():
        raise ServiceError(_("Write at least one promise first."))
    signers = _signers(promise_set)
    if {s.party for s in signers} != set(Party.values):
        raise ServiceError(
            _("Name who signs for the municipality and who signs for the police first.")
        )
    if any(s.person is None or s.person.user_id is None for s in signers):
        raise ServiceError(
            _("Each signatory must be a person with a login, who signs by signing in.")
        )
    return _move(actor, promise_set, PromiseSetStatus.SIGNING)


@transaction.atomic
def promise_set_sign(*, actor: Actor, signatory: Signatory) -> Signatory:
    """The signatory confirms, signed in as the login linked to their person."""
    promise_set = signatory.promise_set
    if promise_set is None or not signatory.party:
        raise ServiceError(_("Only a signatory of citizen promises signs here."))
    _expect(promise_set, PromiseSetStatus.SIGNING)
    person = signatory.person
    if actor is None or not actor.is_authenticated or person is None or person.user_id != actor.pk:
        raise ServiceError(_("Only the signatory, signed in as themselves, can sign."))
    if signatory.signed_at is not None:
        raise ServiceError(_("You have already signed."))
    before = snapshot(signatory)
    signatory.signed_at = timezone.now()
    signatory.signed_by = actor
    save_audited(actor, signatory, promise_set.council_id, before)
    return signatory


@transaction.atomic
def promise_set_reopen(*, actor: Actor, promise_set: PromiseSet) -> PromiseSet:
    """Take the promises back from signing to anchoring; signatures given are void."""
    _expect(promise_set, PromiseSetStatus.SIGNING)
    for signatory in promise_set.signatories.filter(signed_at__isnull=False):
        before = snapshot(signatory)
        signatory.signed_at, signatory.signed_by = None, None
        save_audited(actor, signatory, promise_set.council_id, before)
    return _move(actor, promise_set, PromiseSetStatus.ANCHORING)


@transaction.atomic
def promise_set_publish(*, actor: Actor, promise_set: PromiseSet) -> PromiseSet:
    """Publish the promises once both parties have signed; the version they revise is
    marked revised and leaves the public page."""
    _expect(promise_set, PromiseSetStatus.SIGNING)
    signers = _signers(promise_set)
    signed = {s.party for s in signers if s.signed_at is not None}
    if signed != set(Party.values) or any(s.signed_at is None for s in signers):
        raise ServiceError(_("Both parties must sign before the promises are published."))
    before = snapshot(promise_set)
    promise_set.status = PromiseSetStatus.PUBLISHED
    promise_set.published_at = timezone.now()
    last = max(s.signed_at for s in signers if s.signed_at is not None)
    promise_set.signed_on = promise_set.signed_on or timezone.localdate(last)
    save_audited(actor, promise_set, promise_set.council_id, before)
    previous = promise_set.revision_of
    if previous is not None and previous.status == PromiseSetStatus.PUBLISHED:
        _move(actor, previous, PromiseSetStatus.SUPERSEDED)
    if previous is not None:
        _repoint_running_plans(actor, previous, promise_set)
    return promise_set


def _version_label(promise: Promise) -> str:
    promise_set = promise.promise_set
    when = promise_set.signed_on or (
        timezone.localdate(promise_set.published_at) if promise_set.published_at else None
    )
    version = f" ({promise_set.title}, {when:%Y-%m-%d})" if when else f" ({promise_set.title})"
    return f"{promise.position + 1}. {promise.text[:60]}{version}"


def _repoint_running_plans(actor: Actor, previous: PromiseSet, revision: PromiseSet) -> None:
    """The plans still running on the revised promises follow the revision: the plan points at
    it, and each activity's links move from the old promises to their revised counterparts
    (`Promise.revises`), recorded on the activity's history. A link to a promise the revision
    dropped goes. Finished plans (their last year before this one) and plans revised by a
    newer plan keep the promises they were followed up against (docs/design/promises.md)."""
    this_year = timezone.localdate().year
    counterpart = {p.revises_id: p for p in revision.promises.all() if p.revises_id is not None}
    plans = (
        Plan.objects.filter(promise_set=previous, revisions__isnull=True)
        .filter(
            models.Q(end_year__gte=this_year) | models.Q(end_year__isnull=True, year__gte=this_year)
        )
        .order_by("year", "id")
    )
    for plan in plans:
        before = snapshot(plan)
        plan.promise_set = revision
        save_audited(actor, plan, plan.council_id, before)
        for activity in plan.activities.prefetch_related("promises__promise_set"):
            old = [p for p in activity.promises.all() if p.promise_set_id == previous.pk]
            if not old:
                continue
            new = [counterpart[p.pk] for p in old if p.pk in counterpart]
            activity.promises.remove(*old)
            activity.promises.add(*new)
            AuditEvent.objects.create(
                actor=actor if isinstance(actor, User) else None,
                action=AuditAction.UPDATE,
                model=activity._meta.label,
                object_id=str(activity.pk),
                object_repr=str(activity)[:200],
                council_id=plan.council_id,
                changes={
                    "promises": [
                        ", ".join(_version_label(p) for p in old),
                        ", ".join(_version_label(p) for p in new) or None,
                    ]
                },
            )


@transaction.atomic
def promise_set_revise(*, actor: Actor, promise_set: PromiseSet) -> PromiseSet:
    """Start a new version of published promises as a draft: its text, promises and
    signatories (unsigned) copied; the published version stays public until the new one is."""
    _expect(promise_set, PromiseSetStatus.PUBLISHED)
    if promise_set.revisions.filter(
        status__in=[*EDITABLE_STATUSES, PromiseSetStatus.SIGNING]
    ).exists():
        raise ServiceError(_("A revision of these promises is already under way."))
    copy = PromiseSet(
        council_id=promise_set.council_id,
        revision_of=promise_set,
        status=PromiseSetStatus.DRAFT,
        **{
            name: getattr(promise_set, name)
            for name in (
                "title",
                "year",
                "valid_from",
                "valid_to",
                "place",
                "background",
                "current_picture",
                "dialogues",
                "intro",
                "agreement",
            )
        },
    )
    save_audited(actor, copy, promise_set.council_id, None)
    for promise in promise_set.promises.all():
        new = Promise(
            promise_set=copy,
            position=promise.position,
            text=promise.text,
            parties=promise.parties,
            joint=promise.joint,
            revises=promise,
        )
        save_audited(actor, new, promise_set.council_id, None)
    for signatory in promise_set.signatories.all():
        new_signatory = Signatory(
            promise_set=copy,
            position=signatory.position,
            name=signatory.name,
            title=signatory.title,
            organisation_name=signatory.organisation_name,
            person_id=signatory.person_id,
            party=signatory.party,
        )
        save_audited(actor, new_signatory, promise_set.council_id, None)
    return copy


@transaction.atomic
def promise_set_delete(*, actor: Actor, promise_set: PromiseSet) -> None:
    """Delete promises that were never sent for signing; each promise's removal is recorded."""
    if promise_set.status not in EDITABLE_STATUSES:
        raise ServiceError(_("Only a draft can be deleted."))
    council_id = promise_set.council_id
    for promise in promise_set.promises.all():
        audit_delete(actor=actor, instance=promise, council_id=council_id)
    delete_audited(actor, promise_set, council_id)


@transaction.atomic
def promise_set_record_paper_signing(*, actor: Actor, promise_set: PromiseSet) -> PromiseSet:
    """Publish promises that both parties signed on paper before the council used the
    platform: an imported document with its date of signing and its signatories.

    No page offers it (the demo's seed of 2018 uses it); in the platform each party signs
    while signed in (promise_set_sign)."""
    _expect(promise_set, PromiseSetStatus.DRAFT)
    if promise_set.signed_on is None or not promise_set.signatories.exists():
        raise ServiceError(_("Both parties must sign before the promises are published."))
    before = snapshot(promise_set)
    promise_set.status = PromiseSetStatus.PUBLISHED
    promise_set.published_at = timezone.now()
    save_audited(actor, promise_set, promise_set.council_id, before)
    return promise_set
