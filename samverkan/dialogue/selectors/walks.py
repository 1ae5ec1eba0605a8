"""Reads for safety walks, scoped to one council, with their related rows fetched inside."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from samverkan.core.pages import one_or_not_found, parse_id
from samverkan.dialogue.models import Finding, SafetyWalk
from samverkan.organisations.models import Council


def walks_of(council: Council) -> QuerySet[SafetyWalk]:
    """The council's safety walks, newest first, each with its number of findings."""
    return (
        SafetyWalk.objects.filter(council=council)
        .select_related("place")
        .annotate(finding_count=Count("findings", distinct=True))
        .order_by("-walked_on", "-id")
    )


def walk_in(council: Council, pk: object) -> SafetyWalk:
    findings = Finding.objects.select_related("activity__plan", "incident")
    return one_or_not_found(
        SafetyWalk.objects.filter(council=council)
        .select_related("place", "council")
        .prefetch_related("organisations", Prefetch("findings", queryset=findings)),
        pk=parse_id(pk),
    )


def finding_in(walk: SafetyWalk, pk: object) -> Finding:
    return one_or_not_found(
        Finding.objects.filter(walk=walk).select_related("walk__council"),
        pk=parse_id(pk),
    )
