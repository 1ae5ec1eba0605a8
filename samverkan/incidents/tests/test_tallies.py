"""The tallies: the dashboard read from them (whole months) and from the reports (the edges)
gives exactly the figures worked out from the single reports, whatever was reported,
corrected, handled, moderated or merged, for any period and filter; the rebuild command and
the migration count them from the reports.

Run on SQLite and on PostgreSQL (DATABASE_URL).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

import h3  # type: ignore[import-untyped]
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from samverkan.core.errors import ServiceError
from samverkan.incidents import selectors
from samverkan.incidents.models import (
    COUNTED_STATUSES,
    CategoryTally,
    CellTally,
    HourTally,
    Incident,
    PlaceTally,
)
from samverkan.incidents.services import tallies
from samverkan.incidents.services.aggregates import Total, aggregates_report
from samverkan.incidents.services.incidents import (
    What,
    Where,
    incident_mark_handled,
    incident_merge,
    incident_moderate,
    incident_report,
    incident_update,
)
from samverkan.incidents.tests.conftest import INSIDE_SCHOOL
from samverkan.insights.selectors import dashboard as figures

ZONE = ZoneInfo(settings.TIME_ZONE)
CODES = ["broken_glass", "graffiti", "litter", "burglary"]
FIRST, LAST = dt.date(2017, 1, 1), dt.date(2019, 12, 31)
# Days at the edges of months and of summer time, where local and UTC months differ.
EDGE_DAYS = [
    dt.date(2017, 12, 31),
    dt.date(2018, 1, 1),
    dt.date(2018, 3, 25),
    dt.date(2018, 3, 31),
    dt.date(2018, 4, 1),
    dt.date(2018, 10, 28),
    dt.date(2018, 10, 31),
    dt.date(2019, 2, 28),
]
TALLY_MODELS = (CategoryTally, PlaceTally, HourTally, CellTally)

days = st.one_of(st.dates(FIRST, LAST), st.sampled_from(EDGE_DAYS))
reports = st.fixed_dictionaries(
    {
        "code": st.sampled_from(CODES),
        "day": days,
        "hour": st.one_of(st.sampled_from([0, 1, 22, 23]), st.integers(0, 23)),
        "cost": st.one_of(st.none(), st.integers(0, 5000)),
        "where": st.sampled_from(["address", "school", "point_in_school", "point_elsewhere"]),
        "partner": st.booleans(),
        "source": st.sampled_from(["partner", "citizen", "import"]),
    }
)
changes = st.tuples(
    st.sampled_from(["handled", "publish", "reject", "correct", "merge"]),
    st.integers(0, 30),
    st.integers(0, 30),
    reports,
)


@st.composite
def periods(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    first, last = sorted([draw(days), draw(days)])
    if draw(st.booleans()):  # month-aligned
        first = first.replace(day=1)
        last = selectors.next_month(last) - dt.timedelta(days=1)
    return first, last


FILTERS = [
    "",
    "group",
    "category",
    "organisation",
    "partner",
    "citizen",
    "place",
    "area",
    "group+organisation",
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 30), tzinfo=ZONE)


def _where_what(spec: dict[str, Any], categories, school) -> tuple[Where, What]:
    where = {
        "address": Where(address="Torget"),
        "school": Where(place=school),
        "point_in_school": Where(latitude=INSIDE_SCHOOL[0], longitude=INSIDE_SCHOOL[1]),
        "point_elsewhere": Where(latitude=59.5135, longitude=15.9950),
    }[spec["where"]]
    what = What(
        category=categories[spec["code"]],
        occurred_from=_at(spec["day"], spec["hour"]),
        cost=spec["cost"],
    )
    return where, what


def _filter(name: str, period, categories, school, area, kbab) -> figures.DashboardFilter:
    chosen: dict[str, Any] = {
        "": {},
        "group": {"category": categories["vandalism"]},
        "category": {"category": categories["graffiti"]},
        "organisation": {"organisation": kbab},
        "partner": {"source": "partner"},
        "citizen": {"source": "citizen"},
        "place": {"place": school},
        "area": {"area": area},
        "group+organisation": {"category": categories["vandalism"], "organisation": kbab},
    }[name]
    return figures.DashboardFilter(period_from=period[0], period_to=period[1], **chosen)


# The figures worked out from the single reports, in Python: the oracle --------------------


def _local(incident: Incident) -> dt.datetime:
    return incident.occurred_from.astimezone(ZONE)


def _matches(incident: Incident, f: figures.DashboardFilter) -> bool:
    if incident.status not in COUNTED_STATUSES or incident.merged_into_id is not None:
        return False
    if f.category is not None and f.category.pk not in (
        incident.category_id,
        incident.category.parent_id,
    ):
        return False
    if f.place is not None and incident.place_id != f.place.pk:
        return False
    if f.area is not None and not (
        incident.place_id in figures.places_in_area(f.area)
        or incident.h3_cell in figures.area_cells(f.area)
    ):
        return False
    if f.organisation is not None and incident.organisation_id != f.organisation.pk:
        return False
    return not f.source or incident.source == f.source


def _expected(council, f: figures.DashboardFilter) -> dict[str, Any]:
    everything = list(Incident.objects.filter(council=council).select_related("category", "place"))
    matching = [i for i in everything if _matches(i, f)]
    within = [i for i in matching if f.period_from <= _local(i).date() <= f.period_to]
    aggregates = [
        a
        for a in selectors.aggregates_of(council)
        if f.period_from <= a.period_from and a.period_to <= f.period_to
    ]
    if f.place is not None or f.area is not None or f.source not in ("", "partner"):
        aggregates = []
    if f.category is not None:
        aggregates = [
            a for a in aggregates if f.category.pk in (a.category_id, a.category.parent_id)
        ]
    if f.organisation is not None:
        aggregates = [a for a in aggregates if a.organisation_id == f.organisation.pk]
    totals: dict[str, list[Any]] = {}
    for i in within:
        if any(
            a.organisation_id == i.organisation_id
            and a.category_id == i.category_id
            and a.period_from <= _local(i).date() <= a.period_to
            for a in aggregates
        ):
            continue
        total = totals.setdefault(i.category.code, [0, 0, False])
        total[0] += 1
        total[1] += i.cost or 0
    for a in aggregates:
        total = totals.setdefault(a.category.code, [0, 0, False])
        total[0] += a.count or 0
        total[1] += a.cost or 0
        total[2] = total[2] or a.count is None
    # the trend counts the days of the period, and the same days a year earlier
    months: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    before: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    earlier_from = figures._year_earlier(f.period_from)  # noqa: SLF001
    earlier_to = figures._year_earlier(f.period_to)  # noqa: SLF001
    for i in matching:
        day = _local(i).date()
        for first, last, into in (
            (f.period_from, f.period_to, months),
            (earlier_from, earlier_to, before),
        ):
            if first <= day <= last:
                into[day.replace(day=1)][0] += 1
                into[day.replace(day=1)][1] += i.cost or 0
    trend = []
    for month in figures._months(f.period_from, f.period_to):  # noqa: SLF001
        earlier = before.get(month.replace(year=month.year - 1), [0, 0])
        now = months.get(month, [0, 0])
        trend.append(figures.MonthRow(month, now[0], now[1], earlier[0], earlier[1]))
    places: dict[int, list[Any]] = {}
    heat = {d: [0] * 24 for d in range(1, 8)}
    cells: dict[str, int] = defaultdict(int)
    for i in within:
        if i.place is not None:
            row = places.setdefault(i.place.pk, [i.place.name, i.place.kind, 0, 0])
            row[2] += 1
            row[3] += i.cost or 0
        heat[_local(i).isoweekday()][_local(i).hour] += 1
        if i.h3_cell:
            cells[i.h3_cell] += 1
    top = sorted(places.items(), key=lambda item: (-item[1][2], item[1][0]))[: figures.TOP_PLACES]
    coarse: dict[str, int] = defaultdict(int)
    for cell, n in cells.items():
        coarse[str(h3.cell_to_parent(cell, 8))] += n
    return {
        "totals": {code: tuple(v) for code, v in totals.items()},
        "trend": trend,
        "places": [figures.PlaceRow(pk, *row) for pk, row in top],
        "weekdays": heat,
        "cells9": sorted(cells.items()),
        "cells8": sorted(coarse.items()),
    }


def _actual(council, f: figures.DashboardFilter) -> dict[str, Any]:
    return {
        "totals": {
            t.category.code: (t.count, t.cost, t.count_incomplete)
            for t in figures.category_totals(council, f)
        },
        "trend": figures.monthly_trend(council, f),
        "places": figures.top_places(council, f),
        "weekdays": figures.weekday_hours(council, f).cells,
        "cells9": sorted((r.cell, r.count) for r in figures.cell_counts(council, f, 9)),
        "cells8": sorted((r.cell, r.count) for r in figures.cell_counts(council, f, 8)),
    }


def _tally_rows() -> dict[str, set[tuple[Any, ...]]]:
    """Every tally's rows with a count, without ids."""
    rows = {}
    for model in TALLY_MODELS:
        fields = [f.attname for f in model._meta.concrete_fields if f.name != "id"]
        rows[model.__name__] = set(model.objects.filter(count__gt=0).values_list(*fields))
    return rows


# Properties ----------------------------------------------------------------------------------


@hypothesis_settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    made=st.lists(reports, min_size=1, max_size=12),
    changed=st.lists(changes, max_size=8),
    aggregate=st.one_of(st.none(), st.tuples(periods(), st.sampled_from(CODES), st.booleans())),
    asked=st.lists(st.tuples(periods(), st.sampled_from(FILTERS)), min_size=1, max_size=4),
)
def test_the_tallies_give_the_figures_of_the_single_reports(
    council, categories, school, area, kbab, made, changed, aggregate, asked
):
    with transaction.atomic():
        # given: reports, then corrections, handling, moderation and merges
        incidents = []
        for spec in made:
            where, what = _where_what(spec, categories, school)
            incidents.append(
                incident_report(
                    actor=None,
                    council=council,
                    where=where,
                    what=what,
                    organisation=kbab if spec["partner"] else None,
                    source=spec["source"],
                )
            )
        for kind, a, b, spec in changed:
            incident = Incident.objects.get(pk=incidents[a % len(incidents)].pk)
            other = Incident.objects.get(pk=incidents[b % len(incidents)].pk)
            try:
                if kind == "handled":
                    incident_mark_handled(actor=None, incident=incident)
                elif kind in ("publish", "reject"):
                    incident_moderate(actor=None, incident=incident, publish=kind == "publish")
                elif kind == "merge":
                    incident_merge(actor=None, incident=incident, into=other)
                else:
                    where, what = _where_what(spec, categories, school)
                    incident_update(
                        actor=None,
                        incident=incident,
                        where=where,
                        what=what,
                        organisation=kbab if spec["partner"] else None,
                    )
            except ServiceError:
                pass
        if aggregate is not None:
            (start, end), code, with_count = aggregate
            aggregates_report(
                actor=None,
                council=council,
                organisation=kbab,
                period_from=start,
                period_to=end,
                totals=[Total(category=categories[code], count=7 if with_count else None, cost=9)],
            )
        # then: every figure is that of the single reports
        for period, name in asked:
            f = _filter(name, period, categories, school, area, kbab)
            assert _actual(council, f) == _expected(council, f), (period, name)
        if aggregate is None and all(name == "" for _p, name in asked):
            for period, _name in asked:
                assert selectors.period_totals(council, *period) == figures.category_totals(
                    council, _filter("", period, categories, school, area, kbab)
                )
        # and the tallies kept along the way are those counted afresh
        kept = _tally_rows()
        tallies.tallies_rebuild(council.pk)
        assert _tally_rows() == kept
        transaction.set_rollback(True)


def test_a_report_counts_in_its_local_month_weekday_and_hour(council, categories):
    # given: 23:30 on the last evening of March, summer time: 21:30 UTC, still March
    when = dt.datetime(2018, 3, 31, 23, 30, tzinfo=ZONE)
    incident = incident_report(
        actor=None,
        council=council,
        where=Where(address="Torget"),
        what=What(category=categories["graffiti"], occurred_from=when),
    )
    # then
    incident.refresh_from_db()
    assert (incident.local_month, incident.local_weekday, incident.local_hour) == (
        dt.date(2018, 3, 1),
        6,
        23,
    )
    assert CategoryTally.objects.get(council=council).month == dt.date(2018, 3, 1)
    assert HourTally.objects.get(council=council).hour == 23


def test_a_whole_year_reads_the_tallies_and_the_edges_read_the_reports(council, categories):
    # given: one report in the middle of a month and one on the last evening of the year
    for when in (_at(dt.date(2018, 6, 15), 12), _at(dt.date(2018, 12, 31), 23)):
        incident_report(
            actor=None,
            council=council,
            where=Where(address="Torget"),
            what=What(category=categories["graffiti"], occurred_from=when, cost=100),
        )
    # when: the report of June is counted in the tally only (as if the tally knew it alone)
    Incident.objects.filter(local_month=dt.date(2018, 6, 1)).update(cost=5)
    whole_year = figures.DashboardFilter(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    from_mid_june = figures.DashboardFilter(dt.date(2018, 6, 15), dt.date(2018, 12, 31))
    # then: a whole June comes from the tally, a June cut at the 15th from the reports
    assert [t.cost for t in figures.category_totals(council, whole_year)] == [200]
    assert [t.cost for t in figures.category_totals(council, from_mid_june)] == [105]


# The rebuild command ----------------------------------------------------------------------------


def test_rebuild_tallies_counts_them_afresh_from_the_reports(council, categories, capsys):
    # given: reports, and tallies lost (a restore of the incidents only, say)
    for day in (dt.date(2018, 1, 5), dt.date(2018, 2, 5)):
        incident_report(
            actor=None,
            council=council,
            where=Where(address="Torget"),
            what=What(category=categories["graffiti"], occurred_from=_at(day, 9), cost=10),
        )
    kept = _tally_rows()
    for model in TALLY_MODELS:
        model.objects.all().delete()
    Incident.objects.update(local_hour=0)
    # when
    call_command("rebuild_tallies", council.slug, "--local-times")
    # then
    assert _tally_rows() == kept
    assert set(Incident.objects.values_list("local_hour", flat=True)) == {9}
    assert f"{council.slug}:" in capsys.readouterr().out


def test_rebuild_tallies_refuses_an_unknown_council(council):
    with pytest.raises(CommandError, match="no council: nowhere"):
        call_command("rebuild_tallies", "nowhere")


# The migration -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_local_times_and_tallies_of_old_reports(council, categories):
    from django.db.migrations.executor import MigrationExecutor

    # given: a report stored before the migration
    before = [("incidents", "0003_imports_statistics")]
    after = [("incidents", "0004_local_time_and_tallies")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old.get_model("incidents", "Incident").objects.create(
        council_id=council.pk,
        category_id=categories["graffiti"].pk,
        address="Torget",
        occurred_from=dt.datetime(2018, 3, 31, 22, 15, tzinfo=dt.UTC),  # 00:15 on 1 April
        source="partner",
        status="new",
        cost=300,
    )
    # when
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    call_command("migrate", verbosity=0)
    # then
    incident = Incident.objects.get()
    assert (incident.local_month, incident.local_weekday, incident.local_hour) == (
        dt.date(2018, 4, 1),
        7,
        0,
    )
    tally = CategoryTally.objects.get()
    assert (tally.month, tally.count, tally.cost) == (dt.date(2018, 4, 1), 1, 300)
    assert HourTally.objects.get().weekday == 7


# Two writers at once ---------------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has a single writer")
@pytest.mark.django_db(transaction=True)
def test_two_writers_at_once_lose_no_count(council, categories, kbab):
    import threading

    from django.db import connections

    # given: two writers reporting into the same tally rows at the same time
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            start.wait()
            for _ in range(15):
                incident_report(
                    actor=None,
                    council=council,
                    where=Where(address="Torget"),
                    what=What(
                        category=categories["graffiti"],
                        occurred_from=_at(dt.date(2018, 3, 5), 9),
                        cost=10,
                    ),
                    organisation=kbab,
                )
        except BaseException as exc:  # reported below, from the main thread
            failures.append(exc)
        finally:
            connections.close_all()

    # when
    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert failures == []
    tally = CategoryTally.objects.get(council=council)
    assert (tally.count, tally.cost) == (30, 300)
    assert HourTally.objects.get(council=council).count == 30


def test_a_bulk_import_counts_its_reports_into_the_tallies(council, categories, school, kbab):
    from samverkan.core.importing import tables
    from samverkan.incidents.services import bulk_import

    # given a housing company's table with reports in two months, at a place and at a point
    text = (
        "Ärendenummer;Datum;Kategori;Plats;Lat;Lon;Kostnad\n"
        "A1;2018-03-01 21:30;Glaskross;Nygårdsskolan;;;325 000\n"
        "A2;2018-03-02 08:00;Klotter;;59.5195;15.979;16000\n"
        "A3;2018-04-10 23:15;Klotter;;59.5135;15.995;\n"
    )
    table = tables.read_table("export.csv", text.encode())
    # when it is imported
    bulk_import.incidents_import(
        actor=None,
        council=council,
        table=table,
        mapping=bulk_import.guess_mapping(table.headers),
        organisation=kbab,
    )
    # then the tallies are those a rebuild from the stored reports gives, and the local
    # times are those of the reports
    kept = _tally_rows()
    assert kept["CategoryTally"]
    tallies.tallies_rebuild(council.pk, local_parts=True)
    assert _tally_rows() == kept
    f = figures.DashboardFilter(period_from=dt.date(2018, 3, 1), period_to=dt.date(2018, 4, 30))
    assert _actual(council, f) == _expected(council, f)


# The hour the clocks skip --------------------------------------------------------------------


def test_a_time_in_the_hour_the_clocks_skip_is_counted_in_the_hour_it_is_stored_as(
    council, categories
):
    # given: 02:30 on the night summer time begins, which does not exist in Sweden; stored,
    # it reads 03:30 (found by the property test above)
    skipped = dt.datetime(2018, 3, 25, 2, 30, tzinfo=ZONE)
    # when
    month, weekday, hour = tallies.local_parts(skipped)
    # then: the tallies count it at 03, the hour the report is read back in
    stored = skipped.astimezone(dt.UTC).astimezone(ZONE)
    assert (stored.hour, hour, weekday, month) == (3, 3, 7, dt.date(2018, 3, 1))
