"""Reads for the themes dialogue inputs are filed under, scoped to one council."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from samverkan.core.pages import one_or_not_found, parse_id
from samverkan.dialogue.models import Theme
from samverkan.organisations.models import Council


def themes_of(council: Council) -> QuerySet[Theme]:
    return Theme.objects.filter(council=council).order_by("name")


def themes_with_counts(council: Council) -> QuerySet[Theme]:
    """The council's themes by name, each with its number of inputs (`input_count`)."""
    return (
        Theme.objects.filter(council=council)
        .annotate(input_count=Count("dialogueinput"))
        .order_by("name", "id")
    )


def theme_in(council: Council, pk: object) -> Theme:
    return one_or_not_found(
        Theme.objects.filter(council=council).select_related("council"),
        pk=parse_id(pk),
    )
