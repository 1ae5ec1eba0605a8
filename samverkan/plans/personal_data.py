"""A person in the plans: status reports through their login, activities they lead, documents
they signed (registered with organisations/personal_data.py)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from samverkan.core.audit import MASK, Actor, audit_change
from samverkan.core.models import AuditEvent
from samverkan.organisations.models import Council, Person
from samverkan.organisations.personal_data import Section, collects, erases, plain
from samverkan.plans.models import (
    Activity,
    AnchoringComment,
    DocumentImport,
    IndicatorOutcome,
    Signatory,
    StatusUpdate,
)


@collects(
    "plans.StatusUpdate",
    "plans.Activity",
    "plans.Signatory",
    "plans.DocumentImport",
    "plans.AnchoringComment",
    "plans.IndicatorOutcome",
)
def _plans(person: Person, council: Council) -> list[Section]:
    updates = Section(
        "status_updates",
        _("Status reports"),
        [
            ("at", _("when")),
            ("activity", _("activity")),
            ("status", _("status")),
            ("note", _("note")),
            ("internal", _("internal note")),
        ],
        kept=_("Status reports stay as the record of the plan's work; internal notes are removed."),
    )
    if person.user_id is not None:
        for update in (
            StatusUpdate.objects.filter(author_id=person.user_id, activity__plan__council=council)
            .select_related("activity")
            .order_by("at", "id")
        ):
            updates.rows.append(
                {
                    "at": plain(update.at),
                    "activity": str(update.activity),
                    "status": update.get_status_display(),
                    "note": update.note,
                    "internal": update.internal,
                }
            )
    led = Section(
        "activities_led",
        _("Activities you lead"),
        [("plan", _("plan")), ("activity", _("activity"))],
        kept=_("Kept as the plan's record of who leads the work."),
    )
    for activity in Activity.objects.filter(lead=person, plan__council=council).select_related(
        "plan"
    ):
        led.rows.append({"plan": str(activity.plan), "activity": str(activity)})
    signed = Section(
        "signatures_of_documents",
        _("Agreements and promises you signed"),
        [
            ("document", _("document")),
            ("name", _("name")),
            ("title", _("title")),
            ("signed_at", _("signed")),
        ],
        kept=_("Kept: a signed agreement is a public record."),
    )
    for signatory in Signatory.objects.filter(
        Q(agreement__council=council) | Q(promise_set__council=council), person=person
    ).select_related("agreement", "promise_set"):
        document = signatory.agreement or signatory.promise_set
        signed.rows.append(
            {
                "document": str(document),
                "name": signatory.name,
                "title": signatory.title,
                "signed_at": plain(signatory.signed_at) if signatory.signed_at else "",
            }
        )
    comments = Section(
        "anchoring_comments",
        _("Comments on citizen promises"),
        [("at", _("when")), ("document", _("document")), ("text", _("comment"))],
        kept=_("Kept as the record of how the promises were anchored."),
    )
    if person.user_id is not None:
        for comment in (
            AnchoringComment.objects.filter(author_id=person.user_id, promise_set__council=council)
            .select_related("promise_set")
            .order_by("at", "id")
        ):
            comments.rows.append(
                {
                    "at": plain(comment.at),
                    "document": str(comment.promise_set),
                    "text": comment.text,
                }
            )
    imports = Section(
        "plan_documents_imported",
        _("Plan documents you imported"),
        [("at", _("when")), ("file", _("file")), ("kind", _("kind"))],
        kept=_("Kept as the record of where the plan's text came from."),
    )
    if person.user_id is not None:
        for imported in DocumentImport.objects.filter(
            imported_by_id=person.user_id, council=council
        ).order_by("created_at", "id"):
            imports.rows.append(
                {
                    "at": plain(imported.created_at),
                    "file": imported.filename,
                    "kind": imported.get_kind_display(),
                }
            )
    outcomes = Section(
        "indicator_outcomes",
        _("Outcomes of indicators"),
        [
            ("at", _("when")),
            ("indicator", _("indicator")),
            ("period", _("period")),
            ("value", _("outcome")),
            ("note", _("note")),
            ("internal", _("internal note")),
        ],
        kept=_("Outcomes stay as the record of the plan's work; internal notes are removed."),
    )
    if person.user_id is not None:
        for outcome in (
            IndicatorOutcome.objects.filter(
                author_id=person.user_id, indicator__activity__plan__council=council
            )
            .select_related("indicator")
            .order_by("at", "id")
        ):
            outcomes.rows.append(
                {
                    "at": plain(outcome.at),
                    "indicator": str(outcome.indicator),
                    "period": f"{outcome.year} {outcome.get_period_display()}",
                    "value": str(outcome.value),
                    "note": outcome.note,
                    "internal": outcome.internal,
                }
            )
    return [updates, led, signed, comments, imports, outcomes]


@erases
def _internal_notes(actor: Actor, person: Person, council: Council) -> None:
    """Blank the internal status notes written through the login: working notes for the council
    only, never part of the plan's record. The trail's copy of the note goes too (as in
    core/migrations/0002: personal data removed, never the evidence that a report was made)."""
    if person.user_id is None:
        return
    notes = StatusUpdate.objects.filter(author_id=person.user_id, internal=True).exclude(note="")
    for update in notes.select_related("activity__plan"):
        update.note = ""
        update.save(update_fields=["note"])
        for event in AuditEvent.objects.filter(
            model=StatusUpdate._meta.label, object_id=str(update.pk), changes__has_key="note"
        ):
            changes = dict(event.changes)
            changes["note"] = [MASK if value else value for value in changes["note"]]
            AuditEvent.objects.filter(pk=event.pk).update(changes=changes)
        audit_change(
            actor=actor,
            instance=update,
            changes={"note": [MASK, ""]},
            council_id=update.activity.plan.council_id,
        )


@erases
def _internal_outcome_notes(actor: Actor, person: Person, council: Council) -> None:
    """Blank the internal notes of indicators' outcomes reported through the login, as the
    internal status notes above."""
    if person.user_id is None:
        return
    notes = IndicatorOutcome.objects.filter(author_id=person.user_id, internal=True).exclude(
        note=""
    )
    for outcome in notes.select_related("indicator__activity__plan"):
        outcome.note = ""
        outcome.save(update_fields=["note"])
        for event in AuditEvent.objects.filter(
            model=IndicatorOutcome._meta.label, object_id=str(outcome.pk), changes__has_key="note"
        ):
            changes = dict(event.changes)
            changes["note"] = [MASK if value else value for value in changes["note"]]
            AuditEvent.objects.filter(pk=event.pk).update(changes=changes)
        audit_change(
            actor=actor,
            instance=outcome,
            changes={"note": [MASK, ""]},
            council_id=outcome.indicator.activity.plan.council_id,
        )
