"""The problem picture's forms: the coordinator's analysis, and the citizen promises to copy it
into."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from samverkan.organisations.models import Council
from samverkan.plans.models import PromiseSet


class AnalysisForm(forms.Form):
    analysis = forms.CharField(
        label=gettext_lazy("The coordinator's analysis"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20_000,
        required=False,
        help_text=gettext_lazy(
            "What the figures say together, and what the next citizen promises should address."
        ),
    )


class ToPromisesForm(forms.Form):
    promise_set = forms.ModelChoiceField(
        label=gettext_lazy("Citizen promises"), queryset=PromiseSet.objects.none()
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["promise_set"]
        field.queryset = PromiseSet.objects.filter(council=council).order_by("-year", "-id")
