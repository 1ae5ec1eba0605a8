"""Forms of the themes: renaming one, and merging one into another."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.dialogue.models import Theme
from samverkan.dialogue.services.dialogues import THEME_MAX


class ThemeRenameForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=THEME_MAX)


class ThemeMergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Theme.objects.none(),
        empty_label=_("Choose a theme"),
        help_text=_("Every input of this theme moves to the chosen one; this theme is removed."),
    )

    def __init__(self, *args: Any, theme: Theme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        into: Any = self.fields["into"]
        into.queryset = (
            Theme.objects.filter(council_id=theme.council_id).exclude(pk=theme.pk).order_by("name")
        )
