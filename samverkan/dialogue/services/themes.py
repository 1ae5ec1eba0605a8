"""Writes for the council's dialogue themes: renaming one, and merging one into another (its
inputs move, the emptied theme goes). Both are audited; a merge is all or nothing."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.audit import (
    Actor,
    audit_delete,
    audit_update,
    audit_update_many,
    snapshot,
)
from samverkan.core.errors import ServiceError
from samverkan.dialogue.models import DialogueInput, Theme
from samverkan.dialogue.services.dialogues import THEME_MAX


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("Write the theme's name."), field="name")
    if len(name) > THEME_MAX:
        raise ServiceError(
            _("A theme is at most %(max)s characters.") % {"max": THEME_MAX}, field="name"
        )
    return name


@transaction.atomic
def theme_rename(*, actor: Actor, theme: Theme, name: str) -> Theme:
    """Give the theme a new name; a name another theme of the council has is refused (merge)."""
    name = _clean_name(name)
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    # Compared in Python: SQLite's case-insensitive match folds ASCII letters only (Å, Ä, Ö).
    others = Theme.objects.filter(council_id=theme.council_id).exclude(pk=theme.pk)
    taken = name.casefold() in {n.casefold() for n in others.values_list("name", flat=True)}
    if taken:
        raise ServiceError(
            _("Another theme is already called “%(name)s”. Merge the two themes instead.")
            % {"name": name},
            field="name",
        )
    before = snapshot(theme)
    theme.name = name
    try:
        with transaction.atomic():
            theme.save(update_fields=["name"])
    except IntegrityError as error:  # the same name saved at the same moment
        raise ServiceError(
            _("Another theme is already called “%(name)s”. Merge the two themes instead.")
            % {"name": name},
            field="name",
        ) from error
    audit_update(actor=actor, instance=theme, before=before, council_id=theme.council_id)
    return theme


@transaction.atomic
def theme_merge(*, actor: Actor, theme: Theme, into: Theme) -> int:
    """Move every input of `theme` to `into` and remove `theme`; return how many moved.

    Both themes are locked (in id order, so two opposite merges cannot deadlock); every moved
    input gets an audit event, and so does the removed theme.
    """
    if into.council_id != theme.council_id:
        raise ServiceError(_("Choose one of the council's themes."), field="into")
    if into.pk == theme.pk:
        raise ServiceError(_("Choose another theme to merge into."), field="into")
    locked = {
        t.pk: t
        for t in Theme.objects.select_for_update().filter(pk__in=[theme.pk, into.pk]).order_by("pk")
    }
    if len(locked) != 2:
        raise ServiceError(_("The theme has been removed meanwhile."), field="into")
    theme, into = locked[theme.pk], locked[into.pk]
    inputs = list(DialogueInput.objects.select_for_update().filter(theme=theme).order_by("pk"))
    DialogueInput.objects.filter(pk__in=[item.pk for item in inputs]).update(
        theme=into, updated_at=timezone.now()
    )
    audit_update_many(
        actor=actor,
        instances=inputs,
        changes={"theme": [theme.name, into.name]},
        council_id=theme.council_id,
    )
    audit_delete(actor=actor, instance=theme, council_id=theme.council_id)
    theme.delete()
    return len(inputs)
