"""The activity table of a plan: its header (Aktivitet / Ansvarig [/ Status] [/ Klart]) and
its cells, tab-, semicolon-, bar- or comma-separated."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from samverkan.core import exports
from samverkan.plans.importers.plan_documents.words import (
    _ACTIVITY_HEADS,
    _DUE_HEADS,
    _OUTCOME_HEADS,
    _PROMISE_HEADS,
    _RESPONSIBLE_HEADS,
    _STATUS_HEADS,
    _clean,
)


@dataclass
class _Line:
    number: int
    text: str


@dataclass
class _Table:
    delimiter: str
    activity: int
    responsible: int | None
    status: int | None
    width: int
    due: int | None = None
    promises: bool = False  # a table of promises (Löfte / Ansvarig [/ Utfall]), not activities
    outcome: int | None = None  # a follow-up's outcome column


def _cells(text: str, delimiter: str) -> list[str]:
    # A CSV (the platform's own exports use ";") quotes a cell that holds the delimiter.
    if delimiter in {",", ";"}:
        try:
            row = next(csv.reader([text], delimiter=delimiter))
        except (csv.Error, StopIteration):
            row = text.split(delimiter)
        return [exports.restore(cell.strip()) for cell in row]
    return [exports.restore(cell.strip()) for cell in text.split(delimiter)]


def _table_header(text: str) -> _Table | None:
    for delimiter in ("\t", ";", "|", ","):
        if delimiter not in text:
            continue
        cells = [_clean(cell).lower().strip(" :") for cell in _cells(text.strip("|"), delimiter)]
        activity = next((i for i, c in enumerate(cells) if c in _ACTIVITY_HEADS), None)
        responsible = next((i for i, c in enumerate(cells) if c in _RESPONSIBLE_HEADS), None)
        promise = next((i for i, c in enumerate(cells) if c in _PROMISE_HEADS), None)
        if activity is None and promise is not None:
            outcome = next((i for i, c in enumerate(cells) if c in _OUTCOME_HEADS), None)
            if responsible is None and outcome is None:
                continue
            return _Table(delimiter, promise, responsible, None, len(cells), None, True, outcome)
        if activity is None or responsible is None:
            continue
        status = next((i for i, c in enumerate(cells) if c in _STATUS_HEADS), None)
        due = next((i for i, c in enumerate(cells) if c in _DUE_HEADS), None)
        return _Table(delimiter, activity, responsible, status, len(cells), due)
    return None


def _is_partial_header(text: str) -> bool:
    """A row that heads an activity table but lacks the responsible column."""
    for delimiter in ("\t", ";", "|", ","):
        if delimiter in text:
            cells = {_clean(c).lower().strip(" :") for c in _cells(text.strip("|"), delimiter)}
            if cells & _ACTIVITY_HEADS and cells & (_STATUS_HEADS | _DUE_HEADS):
                return True
    return False
