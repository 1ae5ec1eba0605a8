"""Reads for dialogue meetings, scoped to one council, with their related rows fetched inside."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from samverkan.core.errors import NotFoundError
from samverkan.core.pages import parse_id
from samverkan.dialogue.models import Dialogue, DialogueInput, Theme
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
    dialogue_id = parse_id(pk)
    inputs = DialogueInput.objects.select_related(
        "theme", "place", "category", "activity__plan", "promise__promise_set"
    )
    dialogue = (
        Dialogue.objects.filter(council=council, pk=dialogue_id)
        .select_related("place", "council")
        .prefetch_related("organisers", Prefetch("inputs", queryset=inputs))
        .first()
        if dialogue_id is not None
        else None
    )
    if dialogue is None:
        raise NotFoundError
    return dialogue


def input_in(dialogue: Dialogue, pk: object) -> DialogueInput:
    input_id = parse_id(pk)
    item = (
        DialogueInput.objects.filter(dialogue=dialogue, pk=input_id)
        .select_related("dialogue__council", "theme")
        .first()
        if input_id is not None
        else None
    )
    if item is None:
        raise NotFoundError
    return item


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
    theme_id = parse_id(pk)
    theme = (
        Theme.objects.filter(council=council, pk=theme_id).select_related("council").first()
        if theme_id is not None
        else None
    )
    if theme is None:
        raise NotFoundError
    return theme
