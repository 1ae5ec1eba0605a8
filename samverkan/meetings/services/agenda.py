"""Writes for a meeting's agenda items and, in the minutes, their text and decisions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.meetings.decision_kinds import decision_kind
from samverkan.meetings.models import (
    AgendaItem,
    Attachment,
    Decision,
    DecisionKind,
    ItemRecord,
    ItemRecordKind,
    Meeting,
)
from samverkan.meetings.services.adjustment import ensure_editable


def _council_id(meeting: Meeting) -> int:
    return meeting.body.council_id


@transaction.atomic
def item_create(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    presenter: str = "",
    planned_time: dt.time | None = None,
    text: str = "",
    reference: str = "",
    not_for_publication: bool = False,
) -> AgendaItem:
    """Add an item at the end of the agenda."""
    ensure_editable(meeting)
    last = meeting.items.aggregate(last=Max("number"))["last"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=last + 1,
        title=title.strip(),
        presenter=presenter.strip(),
        planned_time=planned_time,
        text=text.strip(),
        reference=reference.strip(),
        not_for_publication=not_for_publication,
    )
    audit_create(actor=actor, instance=item, council_id=_council_id(meeting))
    return item


@transaction.atomic
def item_update(
    *,
    actor: Actor,
    item: AgendaItem,
    title: str,
    presenter: str = "",
    planned_time: dt.time | None = None,
    text: str = "",
    reference: str = "",
    not_for_publication: bool = False,
    adjusted_immediately: bool = False,
) -> AgendaItem:
    ensure_editable(item.meeting)
    if not title.strip():
        raise ServiceError(_("Give the item a title."), field="title")
    before = snapshot(item)
    item.title, item.presenter, item.planned_time = title.strip(), presenter.strip(), planned_time
    item.text, item.reference = text.strip(), reference.strip()
    item.not_for_publication, item.adjusted_immediately = not_for_publication, adjusted_immediately
    item.save()
    audit_update(actor=actor, instance=item, before=before, council_id=_council_id(item.meeting))
    return item


def items_renumber(
    *, actor: Actor, meeting: Meeting, order: list[AgendaItem], first: int = 1
) -> None:
    """Number the meeting's items `first`, `first` + 1, … in this order, recording each change.

    `order` must hold every item of the meeting. Numbers are unique per meeting at every
    moment, so all items are first moved above both their old and their new numbers.
    """
    ensure_editable(meeting)
    offset = max([first + len(order)] + [item.number for item in order]) + 1
    meeting.items.update(number=F("number") + offset)
    for position, item in enumerate(order, start=first):
        before = snapshot(item)
        AgendaItem.objects.filter(pk=item.pk).update(number=position)
        if item.number != position:
            item.number = position
            audit_update(actor=actor, instance=item, before=before, council_id=_council_id(meeting))


@transaction.atomic
def item_delete(*, actor: Actor, item: AgendaItem) -> None:
    meeting = item.meeting
    ensure_editable(meeting)
    audit_delete(actor=actor, instance=item, council_id=_council_id(meeting))
    item.delete()
    items_renumber(actor=actor, meeting=meeting, order=list(meeting.items.order_by("number")))


@transaction.atomic
def item_move(*, actor: Actor, item: AgendaItem, up: bool) -> None:
    """Move the item one place up or down; the items are numbered 1..n again."""
    meeting = item.meeting
    ensure_editable(meeting)
    order = list(meeting.items.order_by("number"))
    index = next(i for i, other in enumerate(order) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if not 0 <= target < len(order):
        return
    order[index], order[target] = order[target], order[index]
    items_renumber(actor=actor, meeting=meeting, order=order)


@transaction.atomic
def decision_add(*, actor: Actor, item: AgendaItem, text: str, kind: str = "") -> Decision:
    """Add one "att"-clause; its kind is read from the verb unless given."""
    ensure_editable(item.meeting)
    text = text.strip()
    if not text:
        raise ServiceError(_("Write the decision."), field="text")
    if kind and kind not in DecisionKind.values:
        raise ServiceError(_("Choose a valid kind of decision."), field="kind")
    last = item.decisions.aggregate(last=Max("position"))["last"] or 0
    decision = Decision.objects.create(
        item=item, position=last + 1, text=text, kind=kind or decision_kind(text)
    )
    audit_create(actor=actor, instance=decision, council_id=_council_id(item.meeting))
    return decision


@transaction.atomic
def decision_delete(*, actor: Actor, decision: Decision) -> None:
    ensure_editable(decision.item.meeting)
    audit_delete(actor=actor, instance=decision, council_id=_council_id(decision.item.meeting))
    decision.delete()


@transaction.atomic
def item_record_add(
    *, actor: Actor, item: AgendaItem, kind: str, text: str, name: str = ""
) -> ItemRecord:
    """Add a motion, a vote, a reservation or a recorded remark (bodies with formal rules)."""
    ensure_editable(item.meeting)
    if not item.meeting.body.formal_rules:
        raise ServiceError(_("This body does not keep motions, votes and reservations."))
    if kind not in ItemRecordKind.values:
        raise ServiceError(_("Choose a valid kind."), field="kind")
    if not text.strip():
        raise ServiceError(_("Write the text."), field="text")
    last = item.records.aggregate(last=Max("position"))["last"] or 0
    record = ItemRecord.objects.create(
        item=item, kind=kind, position=last + 1, name=name.strip(), text=text.strip()
    )
    audit_create(actor=actor, instance=record, council_id=_council_id(item.meeting))
    return record


@transaction.atomic
def attachment_set_publication(
    *, actor: Actor, attachment: Attachment, not_for_publication: bool
) -> Attachment:
    """Mark an attachment as not for publication (masked in public versions), or clear it."""
    ensure_editable(attachment.meeting)
    before = snapshot(attachment)
    attachment.not_for_publication = not_for_publication
    attachment.save(update_fields=["not_for_publication", "updated_at"])
    audit_update(
        actor=actor, instance=attachment, before=before, council_id=_council_id(attachment.meeting)
    )
    return attachment


@transaction.atomic
def item_record_delete(*, actor: Actor, record: ItemRecord) -> None:
    ensure_editable(record.item.meeting)
    audit_delete(actor=actor, instance=record, council_id=_council_id(record.item.meeting))
    record.delete()
