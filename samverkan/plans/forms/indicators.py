"""Forms of a measure's indicators: the indicator itself, and an outcome for a period."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.plans.models import OutcomePeriod, Plan
from samverkan.plans.services.activities import MAX_YEAR, MIN_YEAR
from samverkan.plans.services.indicators import MAX_VALUE, IndicatorFields


def _value(label: Any, *, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        min_value=-MAX_VALUE,
        max_value=MAX_VALUE,
        # Swedish decimals are written with a comma: "12,5".
        localize=True,
    )


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)


class IndicatorForm(forms.Form):
    name = forms.CharField(
        label=_("Indicator"),
        max_length=300,
        help_text=_("What is measured, e.g. “reported burglaries in Centrum”."),
    )
    unit = forms.CharField(
        label=_("Unit"), max_length=60, required=False, help_text=_("E.g. “number” or “%”.")
    )
    baseline_value = _value(_("Baseline value"))
    baseline_year = _year(_("Baseline year"))
    target_value = _value(_("Target value"))
    target_year = _year(_("Target year"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for value, year in (("baseline_value", "baseline_year"), ("target_value", "target_year")):
            if data.get(value) is not None and data.get(year) is None and year not in self.errors:
                self.add_error(year, _("Give the year the value is for."))
        return data

    def indicator_fields(self) -> IndicatorFields:
        data = self.cleaned_data
        return IndicatorFields(
            name=data["name"],
            unit=data.get("unit", ""),
            baseline_value=data.get("baseline_value"),
            baseline_year=data.get("baseline_year"),
            target_value=data.get("target_value"),
            target_year=data.get("target_year"),
        )


class OutcomeForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    period = forms.ChoiceField(label=_("Period"), choices=OutcomePeriod.choices)
    value = _value(_("Outcome"), required=True)
    note = forms.CharField(
        label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    internal = forms.BooleanField(
        label=_("Internal note (never shown on the public page)"), required=False
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 (narrows the type)
        field.choices = [(year, str(year)) for year in plan.years]

    def outcome(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "year": data["year"],
            "period": data["period"],
            "value": Decimal(data["value"]),
            "note": data.get("note", ""),
            "internal": bool(data.get("internal")),
        }
