"""Reads for safety walks, scoped to one council, with their related rows fetched inside."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from samverkan.core.errors import NotFoundError
from samverkan.core.pages import parse_id
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
    walk_id = parse_id(pk)
    findings = Finding.objects.select_related("activity__plan", "incident")
    walk = (
        SafetyWalk.objects.filter(council=council, pk=walk_id)
        .select_related("place", "council")
        .prefetch_related("organisations", Prefetch("findings", queryset=findings))
        .first()
        if walk_id is not None
        else None
    )
    if walk is None:
        raise NotFoundError
    return walk


def finding_in(walk: SafetyWalk, pk: object) -> Finding:
    finding_id = parse_id(pk)
    finding = (
        Finding.objects.filter(walk=walk, pk=finding_id).select_related("walk__council").first()
        if finding_id is not None
        else None
    )
    if finding is None:
        raise NotFoundError
    return finding
