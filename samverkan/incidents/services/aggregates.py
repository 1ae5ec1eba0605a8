"""A partner's period totals per category, reported without single incidents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.incidents.models import AggregateReport, Category
from samverkan.organisations.models import Council, Organisation


@dataclass(frozen=True)
class Total:
    category: Category
    count: int | None = None
    cost: int | None = None


def aggregates_report(
    *,
    actor: Actor,
    council: Council,
    organisation: Organisation,
    period_from: dt.date,
    period_to: dt.date,
    totals: Sequence[Total],
) -> list[AggregateReport]:
    """Save an organisation's totals for a period; a category reported again is replaced.

    Rows with neither a count nor a cost are left out, and at least one row must remain.
    """
    if organisation.council_id != council.pk:
        raise ServiceError(_("Choose one of the council's organisations."), field="organisation")
    if period_to < period_from:
        raise ServiceError(_("The period must not end before it starts."), field="period_to")
    rows = [t for t in totals if t.count is not None or t.cost is not None]
    if not rows:
        raise ServiceError(_("Give a number or a cost for at least one category."))
    for total in rows:
        if total.category.council_id != council.pk:
            raise ServiceError(_("Choose one of the council's categories."))
        if (total.count or 0) < 0 or (total.cost or 0) < 0:
            raise ServiceError(_("Numbers and costs cannot be negative."))
    saved: list[AggregateReport] = []
    with transaction.atomic():
        for total in rows:
            report = AggregateReport.objects.filter(
                organisation=organisation,
                category=total.category,
                period_from=period_from,
                period_to=period_to,
            ).first()
            if report is None:
                report = AggregateReport.objects.create(
                    council=council,
                    organisation=organisation,
                    category=total.category,
                    period_from=period_from,
                    period_to=period_to,
                    count=total.count,
                    cost=total.cost,
                    reported_by=actor if actor is not None and actor.is_authenticated else None,
                )
                audit_create(actor=actor, instance=report, council_id=council.pk)
            else:
                before = snapshot(report)
                report.count, report.cost = total.count, total.cost
                report.save()
                audit_update(actor=actor, instance=report, before=before, council_id=council.pk)
            saved.append(report)
    return saved
