"""The audit trail: who changed which fields of which record, from what to what.

Services call these inside their transaction, so a record and its trail are saved together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.utils.translation import gettext

from samverkan.core.models import AuditAction, AuditEvent

Snapshot = dict[str, Any]
# Who made a change: a login, or None for the system itself (the demo loader, an import job).
Actor = User | AnonymousUser | None
# Fields no history shows, on any record: bookkeeping that says nothing a reader needs, and
# secrets (a password's or a key's hash). A model adds its own in `audit_skipped`.
SKIPPED_FIELDS = frozenset({"id", "created_at", "updated_at", "password", "key_hash"})


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # One instant, one text: a time read back from the database (UTC) and the same time
        # from a form (Swedish time) must not look like a change.
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


# Contact details: the e-mail addresses and phone numbers of people, logins and feedback, which
# an erasure removes (organisations/personal_data.py); a model adds its own in `audit_masked`
# (a citizen's address, purged after a while). The audit trail, which is never purged, says that
# one was given, not what it was: it needs who did what, not how to reach them.
MASKED_FIELDS = frozenset({"email", "phone"})
MASK = "•••"


# The name of a related record, by (model, id): shared by the records of one import, so that
# the same category or council is fetched and named once, not once per row.
Names = dict[tuple[str, Any], Any]


def snapshot(instance: models.Model, names: Names | None = None) -> Snapshot:
    """Return the record's audited fields as JSON-ready values (related records by name)."""
    values: Snapshot = {}
    skipped = SKIPPED_FIELDS | getattr(instance, "audit_skipped", frozenset())
    masked = MASKED_FIELDS | getattr(instance, "audit_masked", frozenset())
    for field in instance._meta.concrete_fields:
        if field.name in skipped:
            continue
        if field.is_relation:
            related_id = getattr(instance, field.attname)
            if related_id is None:
                values[field.name] = None
                continue
            key = (field.related_model._meta.label, related_id)  # type: ignore[union-attr]
            if names is None or key not in names:
                name = _plain(getattr(instance, field.name))
                if names is None:
                    values[field.name] = name
                    continue
                names[key] = name
            values[field.name] = names[key]
        elif field.name in masked:
            # That it was given or removed is kept; the value itself is not (it is purged).
            values[field.name] = MASK if getattr(instance, field.attname) else ""
        else:
            values[field.name] = _plain(getattr(instance, field.attname))
    return values


def _actor(user: Actor) -> User | None:
    if user is None or not user.is_authenticated:
        return None
    return user if isinstance(user, User) else None


def _record(
    *,
    actor: Actor,
    instance: models.Model,
    action: str,
    changes: dict[str, Any],
    council_id: int | None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=_actor(actor),
        action=action,
        model=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        council_id=council_id,
        changes=changes,
    )


def audit_create(
    *,
    actor: Actor,
    instance: models.Model,
    council_id: int | None,
) -> AuditEvent:
    changes = {
        name: [None, value] for name, value in snapshot(instance).items() if value not in (None, "")
    }
    return _record(
        actor=actor,
        instance=instance,
        action=AuditAction.CREATE,
        changes=changes,
        council_id=council_id,
    )


def audit_create_many(
    *, actor: Actor, instances: Iterable[models.Model], council_id: int | None
) -> None:
    """Record the creation of many records at once (an import), in a few inserts; each related
    record (a category, a council) is fetched and named once for all of them."""
    who = _actor(actor)
    names: Names = {}
    events = [
        AuditEvent(
            actor=who,
            action=AuditAction.CREATE,
            model=instance._meta.label,
            object_id=str(instance.pk),
            object_repr=str(instance)[:200],
            council_id=council_id,
            changes={
                k: [None, v] for k, v in snapshot(instance, names).items() if v not in (None, "")
            },
        )
        for instance in instances
    ]
    AuditEvent.objects.bulk_create(events, batch_size=2000)


def audit_update(
    *,
    actor: Actor,
    instance: models.Model,
    before: Snapshot,
    council_id: int | None,
) -> AuditEvent | None:
    """Record the fields that changed since `before`; record nothing when none did."""
    after = snapshot(instance)
    changes = {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }
    if not changes:
        return None
    return _record(
        actor=actor,
        instance=instance,
        action=AuditAction.UPDATE,
        changes=changes,
        council_id=council_id,
    )


def audit_update_many(
    *,
    actor: Actor,
    instances: Iterable[models.Model],
    changes: dict[str, Any],
    council_id: int | None,
) -> None:
    """Record the same change of many records (a bulk update) in one insert."""
    who = _actor(actor)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=who,
                action=AuditAction.UPDATE,
                model=instance._meta.label,
                object_id=str(instance.pk),
                object_repr=str(instance)[:200],
                council_id=council_id,
                changes=changes,
            )
            for instance in instances
        ],
        batch_size=2000,
    )


def audit_change(
    *,
    actor: Actor,
    instance: models.Model,
    changes: dict[str, Any],
    council_id: int | None,
) -> AuditEvent:
    """Record a change the record's own fields do not show (answers blanked, say); the model
    names such keys for the history in `audit_labels`."""
    return _record(
        actor=actor,
        instance=instance,
        action=AuditAction.UPDATE,
        changes=changes,
        council_id=council_id,
    )


def audit_delete(
    *,
    actor: Actor,
    instance: models.Model,
    council_id: int | None,
) -> AuditEvent:
    changes = {
        name: [value, None] for name, value in snapshot(instance).items() if value not in (None, "")
    }
    return _record(
        actor=actor,
        instance=instance,
        action=AuditAction.DELETE,
        changes=changes,
        council_id=council_id,
    )


def history_of(instance: models.Model) -> models.QuerySet[AuditEvent]:
    """The record's events, newest first, with their actors."""
    return AuditEvent.objects.filter(
        model=instance._meta.label, object_id=str(instance.pk)
    ).select_related("actor")


def last_change_of(instance: models.Model, field: str) -> AuditEvent | None:
    """The newest event that set the record's field (its creation included), with its actor."""
    return history_of(instance).filter(changes__has_key=field).first()


def labelled_changes(
    model: type[models.Model], changes: dict[str, Any]
) -> Iterable[tuple[str, Any, Any]]:
    """Yield (field label, old, new) for display, in the model's field order."""
    for field in model._meta.concrete_fields:
        if field.name in changes:
            old, new = changes[field.name]
            yield str(field.verbose_name), _display(field, old), _display(field, new)
    labels: dict[str, Any] = getattr(model, "audit_labels", {})
    for name, label in labels.items():
        if name in changes:
            old, new = changes[name]
            yield str(label), old, new


def _display(field: Any, value: Any) -> Any:
    """A stored value as a reader expects it: a choice's label, yes or no for a flag, a list
    as "a, b", a GeoJSON geometry in words, a time stamp as local "2026-12-02 16:05".

    A list or a geometry of a JSON field may arrive as its Python text (`_plain` keeps what is
    neither a number nor a text as `str(value)`), so that text is read back first. The labels
    of a JSON field's list of choices come from the model's `audit_choices` ({field: choices}).
    """
    # Imported here, not at the top: this function is the module's one value formatter.
    import ast

    from django.utils import timezone

    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if field.choices:
        return {str(k): str(v) for k, v in field.flatchoices}.get(str(value), value)
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%Y-%m-%d %H:%M")
    if not isinstance(field, models.JSONField):
        return value
    if isinstance(value, str) and value[:1] in {"[", "{"}:
        try:
            value = ast.literal_eval(value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return value
    if isinstance(value, dict) and isinstance(value.get("type"), str):
        return _geometry_in_words(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        choices = getattr(field.model, "audit_choices", {}).get(field.name, ())
        labels = {str(k): str(v) for k, v in choices}
        return ", ".join(labels.get(str(item), str(item)) for item in value)
    return value


def _geometry_in_words(geometry: dict[str, Any]) -> str:
    """ "line with 7 points", "point 59.51, 15.99" (latitude first), "area"."""
    from django.utils.translation import ngettext, pgettext

    kind, coordinates = geometry["type"], geometry.get("coordinates")
    if kind == "LineString" and isinstance(coordinates, list):
        count = len(coordinates)
        return ngettext("line with %(count)s point", "line with %(count)s points", count) % {
            "count": count
        }
    if kind == "Point" and isinstance(coordinates, list) and len(coordinates) >= 2:
        longitude, latitude = coordinates[0], coordinates[1]
        return gettext("point %(latitude)s, %(longitude)s") % {
            "latitude": _degrees(latitude),
            "longitude": _degrees(longitude),
        }
    if kind in {"Polygon", "MultiPolygon"}:
        return pgettext("a geometry", "area")
    return str(kind)


def _degrees(value: object) -> str:
    if not isinstance(value, int | float):
        return str(value)
    return f"{value:.5f}".rstrip("0").rstrip(".")
