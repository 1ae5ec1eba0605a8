"""Reads for the archive: the register of decisions, scoped to one council (access-checked)."""

from __future__ import annotations

from django.db.models import QuerySet

from samverkan.meetings.models import Decision
from samverkan.organisations.models import Body, Council


def decisions_of(
    council: Council,
    *,
    body: Body | None = None,
    year: int | None = None,
    kind: str | None = None,
    restricted: bool = True,
) -> QuerySet[Decision]:
    """Every decision of the council, newest meeting first, with its item, meeting and body."""
    decisions = (
        Decision.objects.filter(item__meeting__body__council=council)
        .select_related("item__meeting__body")
        .order_by("-item__meeting__date", "-item__meeting_id", "item__number", "position", "id")
    )
    if body is not None:
        decisions = decisions.filter(item__meeting__body=body)
    if year is not None:
        decisions = decisions.filter(item__meeting__date__year=year)
    if kind:
        decisions = decisions.filter(kind=kind)
    if not restricted:
        decisions = decisions.filter(item__not_for_publication=False)
    return decisions
