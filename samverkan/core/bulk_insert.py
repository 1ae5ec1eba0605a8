"""Many rows into one table at once, on SQLite and PostgreSQL, without a model instance per row.

For imports of tens of thousands of checked rows, where bulk_create spends more on building
instances and preparing each value (about 100 µs a row) than the database spends on the insert.
Nothing here validates: the caller gives values it has checked, as the driver takes them
(numbers, text, None, timezone-aware datetimes), and no save() or signal runs.

Measured on 20,000 incidents (`make bench`): PostgreSQL takes the rows by binary COPY, ids drawn
from the table's sequence first (an `INSERT … SELECT * FROM UNNEST(arrays)`, what bulk_create
does there, spent most of its time quoting the arrays as text); SQLite takes one multi-row
`INSERT … VALUES … RETURNING id` per chunk as large as its limit of variables allows, whose ids
come in the order of the rows, as bulk_create relies on too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

# At most this many variables in one statement: SQLite's default limit since 3.32 (older
# builds allow 999, and say so), under PostgreSQL's 65,535.
MAX_VARIABLES = 32_766


def max_variables() -> int:
    """How many values one statement may carry on this database."""
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "sqlite" and hasattr(raw, "getlimit"):
        import sqlite3

        return min(MAX_VARIABLES, int(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)))
    return MAX_VARIABLES


def _is_datetime(field: models.Field[Any, Any]) -> bool:
    return field.get_internal_type() == "DateTimeField"


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or field.column is None:
        raise ValueError(f"{model.__name__}.{name} is no column")
    return field


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    same: dict[str, Any] | None = None,
    returning: bool = True,
) -> list[int]:
    """Insert `rows` (values for `columns`, by field name) into the model's table, each with the
    values of `same` too, and return the new primary keys in the order of the rows (none when
    not `returning`).

    Runs in the caller's transaction. A datetime is adapted per value in `rows` but once in
    `same` (the adapter costs microseconds: keep the created_at of an import in `same`).
    """
    if not rows:
        return []
    same = same or {}
    adapt = connection.ops.adapt_datetimefield_value
    fields = [_field(model, name) for name in (*columns, *same)]
    constants = [
        adapt(value) if _is_datetime(field) else value
        for field, value in zip(fields[len(columns) :], same.values(), strict=True)
    ]
    datetimes = [i for i, field in enumerate(fields[: len(columns)]) if _is_datetime(field)]
    values: list[list[Any]] = []
    for row in rows:
        copy = [*row, *constants]
        for i in datetimes:
            copy[i] = adapt(copy[i])
        values.append(copy)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(str(field.column)) for field in fields)
    primary = _field(model, model._meta.pk.name)
    pk = quote(str(primary.column))
    connection.ensure_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Binary COPY: the types without their length (varchar, not varchar(200)).
            types = [str(field.db_type(connection)).split("(")[0] for field in [primary, *fields]]
            if not returning:
                return _postgres_copy(cursor, table, "", names, types[1:], values)
            return _postgres_copy(cursor, table, pk, f"{pk}, {names}", types, values)
        size = max(1, max_variables() // len(fields))
        marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
        ids: list[int] = []
        for start in range(0, len(values), size):
            chunk = values[start : start + size]
            rows_sql = ", ".join([marks] * len(chunk))
            sql = f"INSERT INTO {table} ({names}) VALUES {rows_sql}"  # noqa: S608 (names from the model)
            params = [value for row in chunk for value in row]
            if returning:
                cursor.execute(f"{sql} RETURNING {pk}", params)
                ids.extend(row[0] for row in cursor.fetchall())
            else:
                cursor.execute(sql, params)
    return ids


def _postgres_copy(
    cursor: Any, table: str, pk: str, names: str, types: list[str], values: list[list[Any]]
) -> list[int]:
    """COPY the rows in (binary), with ids taken from the table's sequence beforehand when `pk`
    is given: COPY returns nothing. (An INSERT of arrays spent most of its time quoting them.)"""
    ids: list[int] = []
    if pk:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table.strip('"'), pk.strip('"'), len(values)],
        )
        ids = [int(row[0]) for row in cursor.fetchall()]
    # On the driver's own cursor: its errors become Django's (an IntegrityError) by hand.
    with (
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy,
    ):
        copy.set_types(types)
        if pk:
            for new_id, row in zip(ids, values, strict=True):
                copy.write_row((new_id, *row))
        else:
            for row in values:
                copy.write_row(row)
    return ids
