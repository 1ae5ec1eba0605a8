"""The effect at a measure's place: the council's incidents at the place a measure of the
åtgärdsplan works at, in the same number of whole months before its start and since, by
category. Read here because plans may not read incidents (a floor rule); the measure names its
place by a string foreign key (`plans.Activity.place`)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from samverkan.core.documents import Block, Heading, Paragraph, Section, Table
from samverkan.incidents.models import Place
from samverkan.incidents.selectors import counted_incidents, within
from samverkan.plans.models import Activity, Plan
from samverkan.plans.services.follow_up import FollowUpReport

# The longest window compared on each side of the start, in months.
MAX_MONTHS = 24


@dataclass
class CategoryCounts:
    category: str
    before: int
    after: int


@dataclass
class MeasureEffect:
    """A measure with a place; `months` is 0 when it has no start date, starts later, or
    started less than a whole month ago (nothing to compare yet)."""

    activity: Activity
    months: int = 0
    before_from: dt.date | None = None
    before_to: dt.date | None = None
    after_from: dt.date | None = None
    after_to: dt.date | None = None
    rows: list[CategoryCounts] = field(default_factory=list)

    @property
    def before_total(self) -> int:
        return sum(r.before for r in self.rows)

    @property
    def after_total(self) -> int:
        return sum(r.after for r in self.rows)

    @property
    def change(self) -> int:
        return self.after_total - self.before_total


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), the month's last day if it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def whole_months(first: dt.date, today: dt.date) -> int:
    """Whole months from `first` up to and including `today` (0 before a month has passed)."""
    months = (today.year - first.year) * 12 + today.month - first.month
    if add_months(first, months) > today + dt.timedelta(days=1):
        months -= 1
    return max(months, 0)


def measures_with_place(plan: Plan) -> QuerySet[Activity]:
    """The plan's measures that name a place, in the plan's order."""
    return (
        Activity.objects.filter(plan=plan, place__isnull=False)
        .select_related("place")
        .order_by("position", "id")
    )


def measure_effects(
    plan: Plan, activities: list[Activity], *, today: dt.date | None = None
) -> list[MeasureEffect]:
    """Each measure's incidents at its place before and after its start, in one query."""
    today = today or timezone.localdate()
    effects = []
    counts = {}
    for activity in activities:
        effect = MeasureEffect(activity=activity)
        effects.append(effect)
        start = activity.starts_on
        if start is None or start > today:
            continue
        months = min(whole_months(start, today), MAX_MONTHS)
        if not months:
            continue
        effect.months = months
        effect.before_from, effect.before_to = add_months(start, -months), start - dt.timedelta(1)
        effect.after_from = start
        effect.after_to = add_months(start, months) - dt.timedelta(days=1)
        place = Q(place_id=activity.place_id)
        counts[f"b{activity.pk}"] = Count(
            "id", filter=place & Q(**within(effect.before_from, effect.before_to))
        )
        counts[f"a{activity.pk}"] = Count(
            "id", filter=place & Q(**within(effect.after_from, effect.after_to))
        )
    if not counts:
        return effects
    rows = list(
        counted_incidents(plan.council)
        .filter(place_id__in={e.activity.place_id for e in effects if e.months})
        .values("category_id", "category__name")
        .annotate(**counts)
        .order_by("category__name", "category_id")
    )
    for effect in effects:
        if not effect.months:
            continue
        pk = effect.activity.pk
        effect.rows = [
            CategoryCounts(str(row["category__name"]), row[f"b{pk}"], row[f"a{pk}"])
            for row in rows
            if row[f"b{pk}"] or row[f"a{pk}"]
        ]
    return effects


def follow_up_effect_section(report: FollowUpReport) -> Section | None:
    """The follow-up document's section on the effect at the measures' places (registered
    with plans.documents.follow_up by the app's ready): the report's activities, already masked
    for its reader, that name a place. None when no measure names one."""
    activities = [o.activity for o in report.activities if o.activity.place_id is not None]
    if not activities:
        return None
    places = {p.pk: p.name for p in Place.objects.filter(pk__in={a.place_id for a in activities})}
    blocks: list[Block] = [
        Heading("Effekt på åtgärdernas platser", 2),
        Paragraph(
            "Händelser på platsen under lika många hela månader före åtgärdens start som sedan "
            f"dess (högst {MAX_MONTHS} månader åt varje håll), per kategori."
        ),
    ]
    for effect in measure_effects(report.plan, activities):
        activity = effect.activity
        place = places.get(activity.place_id or 0, "")
        blocks.append(Heading(f"{activity.text[:200]} ({place})", 3))
        if not effect.months:
            blocks.append(Paragraph("Åtgärden har inte pågått en hel månad än: inget att jämföra."))
            continue
        header = (
            "Kategori",
            f"Före {effect.before_from:%Y-%m-%d}–{effect.before_to:%Y-%m-%d}",
            f"Efter {effect.after_from:%Y-%m-%d}–{effect.after_to:%Y-%m-%d}",
        )
        rows = [(r.category, str(r.before), str(r.after)) for r in effect.rows]
        rows.append(("Totalt", str(effect.before_total), str(effect.after_total)))
        blocks.append(Table(rows, header=header))
    return Section(blocks)
