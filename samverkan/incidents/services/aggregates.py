"""A partner's period totals per category, reported without single incidents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
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
    seen: set[int] = set()
    for total in rows:
        if total.category.pk in seen:
            raise ServiceError(
                _("%(category)s is given twice. Give each category once.")
                % {"category": total.category.name}
            )
        seen.add(total.category.pk)
    _refuse_overlaps(organisation, period_from, period_to, rows)
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


def _refuse_overlaps(
    organisation: Organisation, period_from: dt.date, period_to: dt.date, rows: Sequence[Total]
) -> None:
    """A total of another period that overlaps this one would count the same events twice."""
    overlapping = (
        AggregateReport.objects.filter(
            organisation=organisation,
            category__in=[t.category for t in rows],
            period_from__lte=period_to,
            period_to__gte=period_from,
        )
        .exclude(period_from=period_from, period_to=period_to)
        .select_related("category")
        .order_by("period_from", "category__name")
        .first()
    )
    if overlapping is not None:
        raise ServiceError(
            _(
                "%(organisation)s already has a total for %(category)s from %(start)s to "
                "%(end)s, which overlaps this period and would be counted twice. Remove it "
                "under Period totals first, or report the same period to replace it."
            )
            % {
                "organisation": organisation.name,
                "category": overlapping.category.name,
                "start": f"{overlapping.period_from:%Y-%m-%d}",
                "end": f"{overlapping.period_to:%Y-%m-%d}",
            }
        )


def aggregate_remove(*, actor: Actor, aggregate: AggregateReport) -> None:
    """Remove a period total (a mistake, or one to report again for another period)."""
    with transaction.atomic():
        audit_delete(actor=actor, instance=aggregate, council_id=aggregate.council_id)
        aggregate.delete()
