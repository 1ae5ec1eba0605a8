"""The problem picture's form: the citizen promises to copy the lägesbild's analysis into."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from samverkan.organisations.models import Council
from samverkan.plans.models import PromiseSet


class ToPromisesForm(forms.Form):
    promise_set = forms.ModelChoiceField(
        label=gettext_lazy("Citizen promises"), queryset=PromiseSet.objects.none()
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["promise_set"]
        field.queryset = PromiseSet.objects.filter(council=council).order_by("-year", "-id")
