"""Reads for dialogue meetings, scoped to one council, with their related rows fetched inside."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from samverkan.core.pages import one_or_not_found, parse_id
from samverkan.dialogue.models import Dialogue, DialogueInput
from samverkan.organisations.models import Council


def dialogues_of(council: Council) -> QuerySet[Dialogue]:
    """The council's dialogue meetings, newest first, each with its number of inputs."""
    return (
        Dialogue.objects.filter(council=council)
        .select_related("place")
        .annotate(input_count=Count("inputs", distinct=True))
        .order_by("-held_on", "-id")
    )


def dialogue_in(council: Council, pk: object) -> Dialogue:
    inputs = DialogueInput.objects.select_related(
        "theme", "place", "category", "activity__plan", "promise__promise_set"
    )
    return one_or_not_found(
        Dialogue.objects.filter(council=council)
        .select_related("place", "council")
        .prefetch_related("organisers", Prefetch("inputs", queryset=inputs)),
        pk=parse_id(pk),
    )


def input_in(dialogue: Dialogue, pk: object) -> DialogueInput:
    return one_or_not_found(
        DialogueInput.objects.filter(dialogue=dialogue).select_related(
            "dialogue__council", "theme"
        ),
        pk=parse_id(pk),
    )
