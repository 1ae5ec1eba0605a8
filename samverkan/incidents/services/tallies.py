"""The situational picture's tallies and the local time parts they are counted by.

Every path that writes incidents calls in here, inside its own transaction:
- local_parts_fill before the insert or save (the month, ISO weekday and hour in the council's
  time zone, stored so that no figure runs a time-zone function per row);
- tallies_add after an insert; a change of a saved report goes through tallies_kept, which
  takes the report's stored state out of the tallies and counts its new state in.
Only counted reports are in the tallies (COUNTED_STATUSES, not merged). Each tally row changes
by an upsert that adds to the stored count (INSERT … ON CONFLICT DO UPDATE SET count = count +
…), rows in key order, so two writers never lose a count nor deadlock (SQLite and PostgreSQL
alike). tallies_rebuild counts a council's tallies afresh from its incidents.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncMonth

from samverkan.incidents.models import (
    COUNTED_STATUSES,
    CategoryTally,
    CellTally,
    HourTally,
    Incident,
    PlaceTally,
)

# The fields a tally is counted from: what tallies_kept reads before and after a change.
TALLIED_FIELDS = (
    "id",
    "council_id",
    "category_id",
    "organisation_id",
    "source",
    "target_group",
    "place_id",
    "h3_cell",
    "cost",
    "status",
    "merged_into_id",
    "local_month",
    "local_weekday",
    "local_hour",
)
# Tally rows per upsert statement (8 parameters at most: well under SQLite's limit of 32,766).
UPSERT_ROWS = 1000
# (model, key columns, with a cost column)
TALLIES: tuple[tuple[type[models.Model], tuple[str, ...], bool], ...] = (
    (
        CategoryTally,
        ("council_id", "month", "category_id", "organisation_key", "source", "target_group"),
        True,
    ),
    (PlaceTally, ("council_id", "month", "place_id", "category_id"), True),
    (HourTally, ("council_id", "month", "category_id", "weekday", "hour"), False),
    (CellTally, ("council_id", "month", "h3_cell", "category_id"), False),
)


@cache
def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_parts(at: dt.datetime) -> tuple[dt.date, int, int]:
    """The local month (its first day), ISO weekday and hour of an aware time."""
    # Through UTC, as the database stores it: a time in the hour that does not exist when the
    # clocks go forward (02:30 on the last Sunday of March, made with the zone attached) is
    # kept as 03:30, and astimezone to its own zone would return it unchanged as 02:30.
    local = at.astimezone(dt.UTC).astimezone(_zone())
    return local.date().replace(day=1), local.isoweekday(), local.hour


def local_parts_fill(incidents: Iterable[Incident]) -> None:
    """Set each incident's local month, weekday and hour from its occurred_from (no query)."""
    for incident in incidents:
        month, weekday, hour = local_parts(incident.occurred_from)
        incident.local_month, incident.local_weekday, incident.local_hour = month, weekday, hour


class Tallied(Protocol):
    """What the tallies read of an incident: a saved Incident, or the plain row of a bulk import."""

    @property
    def council_id(self) -> int: ...
    @property
    def category_id(self) -> int: ...
    @property
    def organisation_id(self) -> int | None: ...
    @property
    def source(self) -> str: ...
    @property
    def target_group(self) -> str: ...
    @property
    def place_id(self) -> int | None: ...
    @property
    def h3_cell(self) -> str: ...
    @property
    def cost(self) -> int | None: ...
    @property
    def status(self) -> str: ...
    @property
    def merged_into_id(self) -> int | None: ...
    @property
    def local_month(self) -> dt.date: ...
    @property
    def local_weekday(self) -> int: ...
    @property
    def local_hour(self) -> int: ...


def counted(incident: Tallied) -> bool:
    return incident.status in COUNTED_STATUSES and incident.merged_into_id is None


def tallies_add(incidents: Iterable[Tallied]) -> None:
    """Count saved incidents into the tallies (those that count; the others are passed by)."""
    _change([(incidents, 1)])


def tallies_remove(incidents: Iterable[Tallied]) -> None:
    """Take incidents, as they are stored, out of the tallies."""
    _change([(incidents, -1)])


@contextmanager
def tallies_kept(pks: Sequence[int]) -> Iterator[None]:
    """Keep the tallies right across a change of saved incidents (inside a transaction).

    The stored rows, locked on PostgreSQL, are read before the change and again after it, so a
    stale instance in memory cannot put a wrong count in; the difference goes into the tallies
    in one pass in key order, so two writers moving reports between the same months in
    opposite directions cannot deadlock.
    """
    rows = Incident.objects.select_for_update().filter(pk__in=pks).only(*TALLIED_FIELDS)
    before = list(rows.order_by("pk"))
    yield
    after = list(Incident.objects.filter(pk__in=pks).only(*TALLIED_FIELDS))
    _change([(before, -1), (after, 1)])


# A tally row's key: the council, the month and the rest of its columns.
Key = tuple[int, dt.date, tuple[int | str, ...]]


def _change(changes: Iterable[tuple[Iterable[Tallied], int]]) -> None:
    """Add each group of incidents, times its sign, to the tallies: one pass in key order."""
    sums: list[dict[Key, list[int]]] = [defaultdict(lambda: [0, 0]) for _ in TALLIES]
    for incidents, sign in changes:
        for i in incidents:
            if not counted(i):
                continue
            cost = i.cost or 0
            at = (i.council_id, i.local_month)
            keys: list[Key | None] = [
                (*at, (i.category_id, i.organisation_id or 0, i.source, i.target_group)),
                (*at, (i.place_id, i.category_id)) if i.place_id else None,
                (*at, (i.category_id, i.local_weekday, i.local_hour)),
                (*at, (i.h3_cell, i.category_id)) if i.h3_cell else None,
            ]
            for table, key in zip(sums, keys, strict=True):
                if key is not None:
                    table[key][0] += sign
                    table[key][1] += sign * cost
    for (model, columns, with_cost), table in zip(TALLIES, sums, strict=True):
        changed = {key: values for key, values in table.items() if values != [0, 0]}
        if changed:
            _upsert(model, columns, with_cost, changed)


def _upsert(
    model: type[models.Model],
    columns: tuple[str, ...],
    with_cost: bool,
    table: dict[Key, list[int]],
) -> None:
    qn = connection.ops.quote_name
    name = qn(model._meta.db_table)
    sums = ("count", "cost") if with_cost else ("count",)
    names = ", ".join(qn(c) for c in (*columns, *sums))
    row_marks = "(" + ", ".join(["%s"] * (len(columns) + len(sums))) + ")"
    adds = ", ".join(f"{qn(s)} = {name}.{qn(s)} + excluded.{qn(s)}" for s in sums)
    conflict = f"ON CONFLICT ({', '.join(qn(c) for c in columns)}) DO UPDATE SET {adds}"
    adapt = connection.ops.adapt_datefield_value
    # In key order, so that two writers lock rows in the same order (no deadlock).
    rows: list[tuple[int | str | None, ...]] = [
        (council_id, adapt(month), *rest, *(values if with_cost else values[:1]))
        for (council_id, month, rest), values in sorted(table.items())
    ]
    # Many rows per statement: a bulk import touches thousands of tally rows.
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_ROWS):
            chunk = rows[start : start + UPSERT_ROWS]
            cursor.execute(
                f"INSERT INTO {name} ({names}) VALUES "  # noqa: S608 (no user input)
                f"{', '.join([row_marks] * len(chunk))} {conflict}",
                [value for row in chunk for value in row],
            )


# Counting afresh --------------------------------------------------------------------------------

_REBUILD = {
    CategoryTally: (
        "council_id, local_month, category_id, COALESCE(organisation_id, 0), source, target_group",
        "council_id, month, category_id, organisation_key, source, target_group, count, cost",
        "",
    ),
    PlaceTally: (
        "council_id, local_month, place_id, category_id",
        "council_id, month, place_id, category_id, count, cost",
        "AND place_id IS NOT NULL",
    ),
    HourTally: (
        "council_id, local_month, category_id, local_weekday, local_hour",
        "council_id, month, category_id, weekday, hour, count",
        "",
    ),
    CellTally: (
        "council_id, local_month, h3_cell, category_id",
        "council_id, month, h3_cell, category_id, count",
        "AND h3_cell <> ''",
    ),
}


def local_parts_refresh(council_id: int) -> int:
    """Work the local parts of a council's incidents out again in the database (slow on SQLite:
    a Python function per row). Returns the number of incidents."""
    zone = _zone()
    return Incident.objects.filter(council_id=council_id).update(
        local_month=TruncMonth("occurred_from", output_field=models.DateField(), tzinfo=zone),
        local_weekday=ExtractIsoWeekDay("occurred_from", tzinfo=zone),
        local_hour=ExtractHour("occurred_from", tzinfo=zone),
    )


def tallies_rebuild(council_id: int, *, local_parts: bool = False) -> None:
    """Count a council's tallies afresh from its incidents (one INSERT … SELECT per tally).

    With local_parts, each incident's local month, weekday and hour are worked out again first.
    """
    statuses = [str(s) for s in COUNTED_STATUSES]
    incidents = connection.ops.quote_name(Incident._meta.db_table)
    marks = ", ".join(["%s"] * len(statuses))
    with transaction.atomic():
        if local_parts:
            local_parts_refresh(council_id)
        with connection.cursor() as cursor:
            for model, (keys, columns, extra) in _REBUILD.items():
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table} WHERE council_id = %s", [council_id])  # noqa: S608
                sums = "COUNT(*), COALESCE(SUM(cost), 0)" if "cost" in columns else "COUNT(*)"
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) SELECT {keys}, {sums} "  # noqa: S608 (ours)
                    f"FROM {incidents} WHERE council_id = %s AND merged_into_id IS NULL "
                    f"AND status IN ({marks}) {extra} GROUP BY {keys}",
                    [council_id, *statuses],
                )


def tallies_add_batch(council_id: int, batch_id: int) -> None:
    """Count the reports of one import run into the tallies, grouped in the database (one
    INSERT … SELECT … ON CONFLICT per tally, however many rows the run had)."""
    statuses = [str(s) for s in COUNTED_STATUSES]
    incidents = connection.ops.quote_name(Incident._meta.db_table)
    marks = ", ".join(["%s"] * len(statuses))
    where = (
        f"WHERE council_id = %s AND import_batch_id = %s "
        f"AND merged_into_id IS NULL AND status IN ({marks})"
    )
    upserts = []
    for model, (keys, columns, extra) in _REBUILD.items():
        table = connection.ops.quote_name(model._meta.db_table)
        names = [c.strip() for c in columns.split(",")]
        sums = [n for n in names if n in ("count", "cost")]
        conflict = ", ".join(n for n in names if n not in sums)
        adds = ", ".join(f"{n} = {table}.{n} + excluded.{n}" for n in sums)
        selected = "COUNT(*), COALESCE(SUM(cost), 0)" if "cost" in sums else "COUNT(*)"
        upserts.append((table, columns, keys, selected, extra, conflict, adds))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement reading the run's reports once (a data-modifying WITH).
            parts = [
                f"t{i} AS (INSERT INTO {table} ({columns}) SELECT {keys}, {selected} "  # noqa: S608
                f"FROM batch WHERE true {extra} GROUP BY {keys} "
                f"ON CONFLICT ({conflict}) DO UPDATE SET {adds} RETURNING 1)"
                for i, (table, columns, keys, selected, extra, conflict, adds) in enumerate(upserts)
            ]
            cursor.execute(
                f"WITH batch AS MATERIALIZED (SELECT * FROM {incidents} {where}), "  # noqa: S608
                + ", ".join(parts)
                + " SELECT 1",
                [council_id, batch_id, *statuses],
            )
            return
        for table, columns, keys, selected, extra, conflict, adds in upserts:
            # "WHERE" before "GROUP BY" and the upsert: SQLite needs the SELECT to end in a
            # clause of its own before ON CONFLICT.
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {keys}, {selected} "  # noqa: S608 (ours)
                f"FROM {incidents} {where} {extra} GROUP BY {keys} "
                f"ON CONFLICT ({conflict}) DO UPDATE SET {adds}",
                [council_id, batch_id, *statuses],
            )


def incidents_insert(incidents: list[Incident]) -> list[Incident]:
    """Insert ready-made incidents with their local parts and tallies: no checks, no audit.

    For fixtures of tests and loaders that build incidents without a service on purpose.
    """
    with transaction.atomic():
        local_parts_fill(incidents)
        created = Incident.objects.bulk_create(incidents)
        tallies_add(created)
    return created
