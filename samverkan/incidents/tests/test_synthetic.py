"""The bench's generator of synthetic incidents: the shape of the data; one seed, one data set."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import h3  # type: ignore[import-untyped]
import pytest

from samverkan.incidents.geo import H3_RESOLUTION, in_sweden
from samverkan.incidents.models import COUNTED_STATUSES, Incident
from samverkan.incidents.synthetic import (
    CHUNK,
    COLUMNS,
    synthetic_council,
    synthetic_load,
    synthetic_rows,
)
from samverkan.insights.selectors import dashboard as figures

END = dt.date(2025, 12, 31)
pytestmark = pytest.mark.django_db


def _rows(n: int, seed: int = 7) -> list[tuple[object, ...]]:
    parts = synthetic_council()
    return [row for chunk in synthetic_rows(*parts, n, seed=seed, end=END) for row in chunk]


def test_the_same_seed_gives_the_same_rows_and_another_seed_others() -> None:
    first = _rows(300)
    assert first == _rows(300)
    assert first != _rows(300, seed=8)


def test_rows_come_in_chunks_of_ten_thousand() -> None:
    parts = synthetic_council()
    sizes = [len(chunk) for chunk in synthetic_rows(*parts, CHUNK + 5, end=END)]
    assert sizes == [CHUNK, 5]


def test_rows_look_like_a_town_s_reports() -> None:
    council, categories, sites, organisations = synthetic_council()
    rows: list[dict[str, Any]] = [dict(zip(COLUMNS, row, strict=True)) for row in _rows(3000)]
    assert {r["council_id"] for r in rows} == {council.pk}
    leaf_ids = {c.pk for c in categories}
    assert {r["category_id"] for r in rows} <= leaf_ids
    assert len({r["category_id"] for r in rows}) > 20
    # Ten years up to the end, in the council's time zone.
    times: list[dt.datetime] = [r["occurred_from"] for r in rows]
    assert all(isinstance(t, dt.datetime) and t.tzinfo is not None for t in times)
    assert min(times).date() >= dt.date(2015, 12, 1)
    assert max(times).date() <= END
    # Evenings and nights outnumber early mornings; Saturdays outnumber Mondays.
    hours = Counter(t.hour for t in times)
    assert hours[21] > 2 * hours[5]
    weekdays = Counter(t.weekday() for t in times)
    assert weekdays[5] > weekdays[0]
    # A point lies in Sweden and its cell is the point's; a report at a place without a point
    # gets the place's cell.
    for r in rows:
        if r["latitude"] is not None:
            assert in_sweden(r["latitude"], r["longitude"])
            assert r["h3_cell"] == h3.latlng_to_cell(r["latitude"], r["longitude"], H3_RESOLUTION)
        elif r["place_id"] is not None:
            assert r["h3_cell"]
        else:
            assert r["h3_cell"] == ""
    assert 0.4 < sum(r["place_id"] is not None for r in rows) / len(rows) < 0.8
    # Costs where something was damaged, never negative; none for a gathering.
    costs = [r["cost"] for r in rows if r["cost"] is not None]
    assert costs
    assert min(costs) >= 100
    assert set(Counter(r["source"] for r in rows)) == {"partner", "citizen", "import"}
    assert {r["organisation_id"] for r in rows if r["source"] == "citizen"} == {None}
    assert {r["organisation_id"] for r in rows} - {None} <= {o.pk for o in organisations}
    assert len(sites) >= 10


def test_load_inserts_once_and_the_dashboard_reads_the_rows() -> None:
    council = synthetic_load(500, end=END)
    assert Incident.objects.filter(council=council).count() == 500
    first_ids = set(Incident.objects.filter(council=council).values_list("id", flat=True))
    assert synthetic_load(500, end=END) == council
    assert set(Incident.objects.filter(council=council).values_list("id", flat=True)) == first_ids
    synthetic_load(200, end=END)
    assert Incident.objects.filter(council=council).count() == 200
    counted = Incident.objects.filter(council=council, status__in=COUNTED_STATUSES).count()
    board = figures.dashboard(
        council, figures.DashboardFilter(period_from=dt.date(2015, 1, 1), period_to=END)
    )
    assert board.total_count == counted
    assert sum(sum(board.weekdays.row(d)) for d in range(1, 8)) == counted
