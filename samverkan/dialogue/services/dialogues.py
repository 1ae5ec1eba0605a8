"""Writes for dialogue meetings: the meeting, the inputs heard, and turning an input into a
plan activity or a promise draft (the link is kept on the input). Every write is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.dialogue.models import Announcement, Dialogue, DialogueInput, Theme
from samverkan.incidents.models import Category, Place
from samverkan.organisations.models import Council, Organisation
from samverkan.plans.models import Activity, Plan, Promise, PromiseSet
from samverkan.plans.services.activities import ActivityFields, activity_create
from samverkan.plans.services.promises import promise_add

MAX_PARTICIPANTS = 100_000
THEME_MAX = 60


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass
class DialogueFields:
    held_on: dt.date
    place_text: str = ""
    place: Place | None = None
    organisers: list[Organisation] = field(default_factory=list)
    announced_via: list[str] = field(default_factory=list)
    announced_other: str = ""
    participants: int | None = None
    notes: str = ""


@dataclass
class InputFields:
    text: str
    theme: str = ""
    place: Place | None = None
    category: Category | None = None


def _apply(dialogue: Dialogue, fields: DialogueFields) -> None:
    council_id = dialogue.council_id
    if fields.place is not None and fields.place.council_id != council_id:
        raise ServiceError(_("Choose one of the council's places."), field="place")
    if not _one_line(fields.place_text) and fields.place is None:
        raise ServiceError(_("Say where the dialogue was held."), field="place_text")
    if any(o.council_id != council_id for o in fields.organisers):
        raise ServiceError(_("The organisers must be the council's own."), field="organisers")
    if any(value not in Announcement.values for value in fields.announced_via):
        raise ServiceError(_("Choose a listed way of announcing."), field="announced_via")
    if fields.participants is not None and not 0 <= fields.participants <= MAX_PARTICIPANTS:
        raise ServiceError(
            _("The number of participants must be between 0 and %(max)s.")
            % {"max": MAX_PARTICIPANTS},
            field="participants",
        )
    dialogue.held_on = fields.held_on
    dialogue.place_text = _one_line(fields.place_text)[:200]
    dialogue.place = fields.place
    dialogue.announced_via = [v for v in Announcement.values if v in fields.announced_via]
    dialogue.announced_other = _one_line(fields.announced_other)[:200]
    dialogue.participants = fields.participants
    dialogue.notes = fields.notes.strip()[:4000]


def _set_organisers(actor: Actor, dialogue: Dialogue, organisers: list[Organisation]) -> None:
    """Audited per link, as a snapshot holds no many-to-many."""
    through = Dialogue.organisers.through
    chosen = {o.pk for o in organisers}
    links = through.objects.filter(dialogue=dialogue)
    current = set(links.values_list("organisation_id", flat=True))
    for link in links.exclude(organisation_id__in=chosen):
        audit_delete(actor=actor, instance=link, council_id=dialogue.council_id)
        link.delete()
    for pk in sorted(chosen - current):
        link = through.objects.create(dialogue=dialogue, organisation_id=pk)
        audit_create(actor=actor, instance=link, council_id=dialogue.council_id)


@transaction.atomic
def dialogue_create(*, actor: Actor, council: Council, fields: DialogueFields) -> Dialogue:
    dialogue = Dialogue(council=council)
    _apply(dialogue, fields)
    dialogue.save()
    audit_create(actor=actor, instance=dialogue, council_id=council.pk)
    _set_organisers(actor, dialogue, fields.organisers)
    return dialogue


@transaction.atomic
def dialogue_update(*, actor: Actor, dialogue: Dialogue, fields: DialogueFields) -> Dialogue:
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    before = snapshot(dialogue)
    _apply(dialogue, fields)
    dialogue.save()
    audit_update(actor=actor, instance=dialogue, before=before, council_id=dialogue.council_id)
    _set_organisers(actor, dialogue, fields.organisers)
    return dialogue


@transaction.atomic
def dialogue_delete(*, actor: Actor, dialogue: Dialogue) -> None:
    """Remove the meeting with its inputs; activities and promises made from them stay."""
    for item in dialogue.inputs.all():
        audit_delete(actor=actor, instance=item, council_id=dialogue.council_id)
    audit_delete(actor=actor, instance=dialogue, council_id=dialogue.council_id)
    dialogue.delete()


def theme_find_or_create(*, actor: Actor, council: Council, name: str) -> Theme | None:
    """The council's theme of that name (any letter case), made when new; None for no name."""
    name = _one_line(name)
    if not name:
        return None
    if len(name) > THEME_MAX:
        raise ServiceError(
            _("A theme is at most %(max)s characters.") % {"max": THEME_MAX}, field="theme"
        )
    theme = Theme.objects.filter(council=council, name__iexact=name).first()
    if theme is None:
        theme = Theme.objects.create(council=council, name=name)
        audit_create(actor=actor, instance=theme, council_id=council.pk)
    return theme


def _check_input(council: Council, fields: InputFields) -> str:
    text = fields.text.strip()
    if not text:
        raise ServiceError(_("Write what was said."), field="text")
    if len(text) > 4000:
        raise ServiceError(_("An input is at most 4,000 characters."), field="text")
    if fields.place is not None and fields.place.council_id != council.pk:
        raise ServiceError(_("Choose one of the council's places."), field="place")
    if fields.category is not None and fields.category.council_id != council.pk:
        raise ServiceError(_("Choose one of the council's categories."), field="category")
    return text


@transaction.atomic
def dialogue_input_add(*, actor: Actor, dialogue: Dialogue, fields: InputFields) -> DialogueInput:
    council = dialogue.council
    text = _check_input(council, fields)
    theme = theme_find_or_create(actor=actor, council=council, name=fields.theme)
    last = dialogue.inputs.aggregate(last=Max("position"))["last"]
    item = DialogueInput.objects.create(
        dialogue=dialogue,
        position=0 if last is None else last + 1,
        text=text,
        theme=theme,
        place=fields.place,
        category=fields.category,
    )
    audit_create(actor=actor, instance=item, council_id=council.pk)
    return item


@transaction.atomic
def dialogue_input_update(
    *, actor: Actor, item: DialogueInput, fields: InputFields
) -> DialogueInput:
    council = item.dialogue.council
    text = _check_input(council, fields)
    before = snapshot(item)
    item.text = text
    item.theme = theme_find_or_create(actor=actor, council=council, name=fields.theme)
    item.place, item.category = fields.place, fields.category
    item.save()
    audit_update(actor=actor, instance=item, before=before, council_id=council.pk)
    return item


@transaction.atomic
def dialogue_input_delete(*, actor: Actor, item: DialogueInput) -> None:
    audit_delete(actor=actor, instance=item, council_id=item.dialogue.council_id)
    item.delete()


def _locked(item: DialogueInput) -> DialogueInput:
    locked = DialogueInput.objects.select_for_update().select_related("dialogue").get(pk=item.pk)
    if locked.activity_id is not None or locked.promise_id is not None:
        raise ServiceError(_("This input has already been taken up."))
    return locked


@transaction.atomic
def dialogue_input_to_activity(
    *, actor: Actor, item: DialogueInput, plan: Plan, text: str = ""
) -> Activity:
    """Add a plan activity from the input and keep the link."""
    item = _locked(item)
    if plan.council_id != item.dialogue.council_id:
        raise ServiceError(_("Choose one of the council's plans."), field="plan")
    described = text.strip() or item.text
    activity = activity_create(
        actor=actor,
        plan=plan,
        fields=ActivityFields(
            text=described,
            cause=_("Heard at the citizen dialogue of %(date)s.")
            % {"date": item.dialogue.held_on.isoformat()},
        ),
    )
    before = snapshot(item)
    item.activity = activity
    item.save(update_fields=["activity", "updated_at"])
    audit_update(actor=actor, instance=item, before=before, council_id=plan.council_id)
    return activity


@transaction.atomic
def dialogue_input_to_promise(
    *,
    actor: Actor,
    item: DialogueInput,
    promise_set: PromiseSet,
    parties: list[str],
    text: str = "",
) -> Promise:
    """Append a promise draft to the promise set and keep the link."""
    item = _locked(item)
    if promise_set.council_id != item.dialogue.council_id:
        raise ServiceError(_("Choose one of the council's promise sets."), field="promise_set")
    promise = promise_add(
        actor=actor, promise_set=promise_set, text=text.strip() or item.text, parties=parties
    )
    before = snapshot(item)
    item.promise = promise
    item.save(update_fields=["promise", "updated_at"])
    audit_update(actor=actor, instance=item, before=before, council_id=promise_set.council_id)
    return promise
