"""Writes for a measure's indicators: the indicator (baseline and target) and its outcomes per
tertial or year. An outcome is never changed: a new report of the same period is a new row,
and the latest one counts, so every change is kept with who made it and when."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.plans.models import Activity, Indicator, IndicatorOutcome, OutcomePeriod
from samverkan.plans.services.activities import MAX_YEAR, MIN_YEAR

# Fits the columns (14 digits, 2 decimals); anything larger is a typing mistake.
MAX_VALUE = Decimal("999999999999")


@dataclass
class IndicatorFields:
    name: str
    unit: str = ""
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    target_value: Decimal | None = None
    target_year: int | None = None


def _check_value(value: Decimal | None, field: str) -> None:
    if value is not None and abs(value) > MAX_VALUE:
        raise ServiceError(_("The number is too large."), field=field)


def _check_year(year: int | None, field: str) -> None:
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise ServiceError(
            _("The year must be between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
            field=field,
        )


def _assign(indicator: Indicator, fields: IndicatorFields) -> None:
    name = " ".join(fields.name.split())
    if not name:
        raise ServiceError(_("Name the indicator."), field="name")
    _check_value(fields.baseline_value, "baseline_value")
    _check_value(fields.target_value, "target_value")
    _check_year(fields.baseline_year, "baseline_year")
    _check_year(fields.target_year, "target_year")
    if fields.baseline_value is not None and fields.baseline_year is None:
        raise ServiceError(_("Give the year of the baseline."), field="baseline_year")
    if fields.target_value is not None and fields.target_year is None:
        raise ServiceError(_("Give the year the target is to be reached."), field="target_year")
    if (
        fields.baseline_year is not None
        and fields.target_year is not None
        and fields.target_year < fields.baseline_year
    ):
        raise ServiceError(
            _("The target's year must not be before the baseline's."), field="target_year"
        )
    indicator.name = name[:300]
    indicator.unit = " ".join(fields.unit.split())[:60]
    indicator.baseline_value, indicator.baseline_year = fields.baseline_value, fields.baseline_year
    indicator.target_value, indicator.target_year = fields.target_value, fields.target_year


@transaction.atomic
def indicator_create(*, actor: Actor, activity: Activity, fields: IndicatorFields) -> Indicator:
    last = activity.indicators.order_by("-position").values_list("position", flat=True).first()
    indicator = Indicator(activity=activity, position=0 if last is None else last + 1)
    _assign(indicator, fields)
    indicator.save()
    audit_create(actor=actor, instance=indicator, council_id=activity.plan.council_id)
    return indicator


@transaction.atomic
def indicator_update(*, actor: Actor, indicator: Indicator, fields: IndicatorFields) -> Indicator:
    before = snapshot(indicator)
    _assign(indicator, fields)
    indicator.save()
    audit_update(
        actor=actor,
        instance=indicator,
        before=before,
        council_id=indicator.activity.plan.council_id,
    )
    return indicator


@transaction.atomic
def indicator_delete(*, actor: Actor, indicator: Indicator) -> None:
    """Remove the indicator with its outcomes; the audit trail keeps what it was."""
    audit_delete(actor=actor, instance=indicator, council_id=indicator.activity.plan.council_id)
    indicator.delete()


@transaction.atomic
def indicator_outcome_record(
    *,
    actor: Actor,
    indicator: Indicator,
    year: int,
    period: str,
    value: Decimal,
    note: str = "",
    internal: bool = False,
) -> IndicatorOutcome:
    """Record the indicator's outcome for a tertial or the whole year of the plan's years.

    A period reported before gets a new row, which becomes its outcome; the earlier stay.
    """
    plan = indicator.activity.plan
    if period not in OutcomePeriod.values:
        raise ServiceError(_("Choose a tertial or the whole year."), field="period")
    if year not in plan.years:
        raise ServiceError(
            _("The year must be one of the plan's: %(years)s.") % {"years": plan.period_label},
            field="year",
        )
    _check_value(value, "value")
    note = note.strip()
    if len(note) > 4000:
        raise ServiceError(_("The note is longer than 4000 characters."), field="note")
    outcome = IndicatorOutcome.objects.create(
        indicator=indicator,
        year=year,
        period=period,
        value=value,
        note=note,
        internal=internal,
        author=actor if isinstance(actor, User) else None,
    )
    audit_create(actor=actor, instance=outcome, council_id=plan.council_id)
    return outcome
