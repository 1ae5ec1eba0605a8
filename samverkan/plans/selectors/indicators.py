"""Reads for a measure's indicators, scoped to one council (already access-checked): each
indicator with its current outcome per period and the earlier reports, and the goal beside
the outcome of one period for the follow-up."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from samverkan.core.pages import one_or_not_found
from samverkan.organisations.models import Council
from samverkan.plans.models import Activity, Indicator, IndicatorOutcome, OutcomePeriod, Plan

PERIOD_ORDER = {value: n for n, value in enumerate(OutcomePeriod.values)}


def indicator_in(council: Council, pk: int) -> Indicator:
    return one_or_not_found(
        Indicator.objects.filter(activity__plan__council=council).select_related("activity__plan"),
        pk=pk,
    )


@dataclass
class IndicatorRow:
    """An indicator as its measure's page shows it: baseline → target → outcomes."""

    indicator: Indicator
    # The latest report of each period, in the order of the periods.
    current: list[IndicatorOutcome] = field(default_factory=list)
    # The earlier reports of a period, newest first: every change is kept.
    earlier: list[IndicatorOutcome] = field(default_factory=list)


def indicators_of(activity: Activity, *, public: bool) -> list[IndicatorRow]:
    """The measure's indicators with their outcomes (two queries). For a `public` viewer the
    notes of internal reports are blanked."""
    indicators = Indicator.objects.filter(activity=activity).prefetch_related(
        Prefetch(
            "outcomes",
            queryset=IndicatorOutcome.objects.select_related("author__person").order_by(
                "-at", "-id"
            ),
            to_attr="reported",
        )
    )
    rows: list[IndicatorRow] = []
    for indicator in indicators:
        row = IndicatorRow(indicator=indicator)
        seen: set[tuple[int, str]] = set()
        reported: list[IndicatorOutcome] = getattr(indicator, "reported", [])
        for outcome in reported:
            if public and outcome.internal:
                outcome.note = ""
            key = (outcome.year, outcome.period)
            (row.earlier if key in seen else row.current).append(outcome)
            seen.add(key)
        row.current.sort(key=lambda o: (o.year, PERIOD_ORDER[o.period]))
        rows.append(row)
    return rows


@dataclass
class IndicatorGoal:
    """The follow-up's line of an indicator: the goal beside the outcome of the period."""

    indicator: Indicator
    outcome: IndicatorOutcome | None


def indicator_goals(
    plan: Plan, *, year: int, period: str, with_internal: bool
) -> dict[int, list[IndicatorGoal]]:
    """Each measure's indicators (by activity id) with the latest outcome of `period` in
    `year` (two queries). Without `with_internal`, internal notes are blanked."""
    outcomes = IndicatorOutcome.objects.filter(year=year, period=period).order_by("-at", "-id")
    indicators = (
        Indicator.objects.filter(activity__plan=plan)
        .prefetch_related(Prefetch("outcomes", queryset=outcomes, to_attr="reported"))
        .order_by("activity_id", "position", "id")
    )
    goals: dict[int, list[IndicatorGoal]] = defaultdict(list)
    for indicator in indicators:
        reported: list[IndicatorOutcome] = getattr(indicator, "reported", [])
        outcome = reported[0] if reported else None
        if outcome is not None and outcome.internal and not with_internal:
            outcome.note = ""
        goals[indicator.activity_id].append(IndicatorGoal(indicator=indicator, outcome=outcome))
    return goals
