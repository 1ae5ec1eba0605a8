"""Standard agenda items of a council, and putting them on a meeting's agenda.

A council's standard items open or close every agenda ("Sammanträdets öppnande" …
"Sammanträdets avslutning"). The titles are agenda content, in the council's language, so they
are data and not translated.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.meetings.models import AgendaItem, AgendaTemplateItem, Meeting, MeetingStatus
from samverkan.meetings.services.adjustment import ensure_editable
from samverkan.meetings.services.agenda import items_renumber
from samverkan.organisations.models import Council

Placement = AgendaTemplateItem.Placement

# Offered in one click to a council that has no standard items yet.
DEFAULT_ITEMS: dict[str, list[str]] = {
    Placement.OPENING: [
        "Sammanträdets öppnande",
        "Val av protokolljusterare",
        "Föregående protokoll",
    ],
    Placement.CLOSING: [
        "Kommande sammanträden",
        "Sammanträdets avslutning",
    ],
}
TITLE_MAX_LENGTH = AgendaTemplateItem._meta.get_field("title").max_length or 300


def _key(title: str) -> str:
    """Titles are the same item when they differ only in case and spacing."""
    return " ".join(title.split()).casefold()


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ServiceError(_("Give the standard item a title."), field="title")
    if len(title) > TITLE_MAX_LENGTH:
        raise ServiceError(
            _("The title may be at most %(count)d characters.") % {"count": TITLE_MAX_LENGTH},
            field="title",
        )
    return title


def _check_unique(council: Council, title: str, *, exclude: int | None = None) -> None:
    others = AgendaTemplateItem.objects.filter(council=council)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if any(_key(other.title) == _key(title) for other in others):
        raise ServiceError(_("The council already has this standard item."), field="title")


def _renumber(actor: Actor, council: Council, order: list[AgendaTemplateItem]) -> None:
    """Give the items of one placement the positions 1..n in the given order."""
    for position, item in enumerate(order, start=1):
        if item.position != position:
            before = snapshot(item)
            item.position = position
            item.save(update_fields=["position", "updated_at"])
            audit_update(actor=actor, instance=item, before=before, council_id=council.pk)


def _placed(council: Council, placement: str) -> list[AgendaTemplateItem]:
    return list(AgendaTemplateItem.objects.filter(council=council, placement=placement))


@transaction.atomic
def agenda_template_item_create(
    *, actor: Actor, council: Council, placement: str, title: str
) -> AgendaTemplateItem:
    """Add a standard item last among the opening or the closing items."""
    if placement not in Placement.values:
        raise ServiceError(_("Choose where the item goes."), field="placement")
    title = _clean_title(title)
    _check_unique(council, title)
    last = AgendaTemplateItem.objects.filter(council=council, placement=placement).aggregate(
        last=Max("position")
    )["last"]
    item = AgendaTemplateItem.objects.create(
        council=council, placement=placement, position=(last or 0) + 1, title=title
    )
    audit_create(actor=actor, instance=item, council_id=council.pk)
    return item


@transaction.atomic
def agenda_template_item_update(
    *, actor: Actor, item: AgendaTemplateItem, title: str
) -> AgendaTemplateItem:
    title = _clean_title(title)
    _check_unique(item.council, title, exclude=item.pk)
    before = snapshot(item)
    item.title = title
    item.save(update_fields=["title", "updated_at"])
    audit_update(actor=actor, instance=item, before=before, council_id=item.council_id)
    return item


@transaction.atomic
def agenda_template_item_move(*, actor: Actor, item: AgendaTemplateItem, up: bool) -> None:
    """Move the item one place up or down within its placement; at either end nothing moves."""
    order = _placed(item.council, item.placement)
    index = next(i for i, other in enumerate(order) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if not 0 <= target < len(order):
        return
    order[index], order[target] = order[target], order[index]
    _renumber(actor, item.council, order)


@transaction.atomic
def agenda_template_item_delete(*, actor: Actor, item: AgendaTemplateItem) -> None:
    council, placement = item.council, item.placement
    audit_delete(actor=actor, instance=item, council_id=council.pk)
    item.delete()
    _renumber(actor, council, _placed(council, placement))


@transaction.atomic
def agenda_template_create_defaults(*, actor: Actor, council: Council) -> list[AgendaTemplateItem]:
    """Give a council without standard items the customary five."""
    if AgendaTemplateItem.objects.filter(council=council).exists():
        raise ServiceError(_("The council already has standard items."))
    created = []
    for placement, titles in DEFAULT_ITEMS.items():
        for position, title in enumerate(titles, start=1):
            item = AgendaTemplateItem.objects.create(
                council=council, placement=placement, position=position, title=title
            )
            audit_create(actor=actor, instance=item, council_id=council.pk)
            created.append(item)
    return created


@transaction.atomic
def agenda_apply_template(*, actor: Actor, meeting: Meeting) -> list[AgendaItem]:
    """Put the council's standard items on the agenda: opening first, closing last.

    Titles already on the agenda are skipped; every item is numbered 1..n again, the meeting's
    own items keeping their order between the opening and the closing ones.
    """
    # One at a time per meeting: two clicks must not add the items twice.
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    ensure_editable(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ServiceError(_("Standard items can only be added to a planned meeting."))
    council_id = meeting.body.council_id
    template = list(AgendaTemplateItem.objects.filter(council_id=council_id))
    if not template:
        raise ServiceError(_("The council has no standard items yet."))
    existing = list(meeting.items.order_by("number"))
    on_agenda = {_key(item.title) for item in existing}

    def missing(placement: str) -> list[str]:
        return [
            t.title
            for t in sorted(template, key=lambda t: (t.position, t.pk))
            if t.placement == placement and _key(t.title) not in on_agenda
        ]

    opening, closing = missing(Placement.OPENING), missing(Placement.CLOSING)
    if not opening and not closing:
        return []
    # The meeting's own items move down to make room for the opening items.
    items_renumber(actor=actor, meeting=meeting, order=existing, first=len(opening) + 1)
    numbered = [*enumerate(opening, start=1)]
    numbered += [*enumerate(closing, start=len(opening) + len(existing) + 1)]
    created = []
    for number, title in numbered:
        item = AgendaItem.objects.create(meeting=meeting, number=number, title=title)
        audit_create(actor=actor, instance=item, council_id=council_id)
        created.append(item)
    return created
