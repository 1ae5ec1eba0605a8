"""The dashboard's queries on the large table keep the plan they were written for (issue 17).

A filter by a category used to read `category = X OR category.parent = X` across a join; on
PostgreSQL the planner then expected one row and walked the whole category index through a
million reports. Every read of the reports now leads with the council and the time, and a
category is a list of ids. This test loads enough synthetic reports for the planners to have
a choice, runs ANALYZE, and reads the plan of every query the dashboard sends to the reports'
table (EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite): each must use the council-and-time
index. It asserts plans, never timings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverkan.incidents.geo import H3_RESOLUTION
from samverkan.incidents.models import COUNTED_STATUSES, Category, Incident
from samverkan.incidents.synthetic import synthetic_load
from samverkan.insights.selectors import dashboard as figures
from samverkan.organisations.models import Council

pytestmark = pytest.mark.django_db

END = dt.date(2025, 12, 31)
REPORTS = 30_000
INDEX = "incident_council_time"
TABLE = "incidents_incident"


@pytest.fixture
def council() -> Council:
    council = synthetic_load(REPORTS, end=END)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return council


def _group(council: Council) -> Category:
    """A group with subcategories: a filter by it counts its own and its children's reports."""
    group = (
        Category.objects.filter(council=council, parent=None, children__isnull=False)
        .distinct()
        .first()
    )
    assert group is not None
    return group


def _report_queries(call: Callable[[], object]) -> list[str]:
    """The SQL of every query `call` sends that reads the reports' table."""
    with CaptureQueriesContext(connection) as captured:
        call()
    return [q["sql"] for q in captured.captured_queries if f'FROM "{TABLE}"' in q["sql"]]


def _plan(sql: str) -> str:
    prefix = "EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def _reads_reports_by_council_and_time(plan: str) -> bool:
    """The reports' table is read through the council-and-time index, and never whole."""
    if connection.vendor == "postgresql":
        return INDEX in plan and f"Seq Scan on {TABLE}" not in plan
    # SQLite: "SEARCH incidents_incident USING INDEX incident_council_time (...)"
    scans = [line for line in plan.splitlines() if TABLE in line]
    return bool(scans) and all(INDEX in line for line in scans)


def _assert_plans(call: Callable[[], object]) -> None:
    queries = _report_queries(call)
    assert queries, "the dashboard read no single reports: the test no longer sees its queries"
    for sql in queries:
        # A category is a list of ids: no condition on the reports crosses a join to the
        # categories, which the planner misjudges.
        assert 'JOIN "incidents_category"' not in sql, sql
        plan = _plan(sql)
        assert _reads_reports_by_council_and_time(plan), f"{sql}\n\nplan:\n{plan}"


def test_whole_months_of_one_category_read_no_single_report(council: Council) -> None:
    # Every figure of whole months, a category chosen, comes from the tallies: counts and
    # costs, who is affected, places, weekday by hour and the map's cells.
    group = _group(council)
    f = figures.DashboardFilter(
        period_from=dt.date(2025, 9, 1), period_to=dt.date(2025, 10, 31), category=group
    )
    assert _report_queries(lambda: figures.dashboard(council, f)) == []
    assert _report_queries(lambda: figures.cell_counts(council, f, H3_RESOLUTION)) == []
    board = figures.dashboard(council, f)
    family = [group, *group.children.all()]
    months = Incident.objects.filter(
        council=council,
        category__in=family,
        local_month__in=[dt.date(2025, 9, 1), dt.date(2025, 10, 1)],
        merged_into=None,
        status__in=COUNTED_STATUSES,
    )
    assert board.total_count == months.count() > 0
    assert sum(r.count for r in board.targets) == months.count()
    assert sum(sum(board.weekdays.row(d)) for d in range(1, 8)) == months.count()
    cells = figures.cell_counts(council, f, H3_RESOLUTION)
    assert sum(r.count for r in cells) == months.exclude(h3_cell="").count()


def test_part_of_a_month_of_one_category_reads_the_reports_by_council_and_time(
    council: Council,
) -> None:
    f = figures.DashboardFilter(
        period_from=dt.date(2025, 10, 3), period_to=dt.date(2025, 10, 20), category=_group(council)
    )
    _assert_plans(lambda: figures.dashboard(council, f))


def test_the_edge_days_of_a_long_period_read_the_reports_by_council_and_time(
    council: Council,
) -> None:
    # A period starting and ending mid-month: its whole months come from the tallies and its
    # edge days from the reports (top places, weekdays and hours, the map's cells).
    for category in (None, _group(council)):
        f = figures.DashboardFilter(
            period_from=dt.date(2017, 3, 14), period_to=dt.date(2025, 11, 17), category=category
        )

        def board(f: figures.DashboardFilter = f) -> object:
            return figures.dashboard(council, f)

        _assert_plans(board)
