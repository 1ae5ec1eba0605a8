"""The lägesbild's forms: starting a year's report, a written section, a source table (rows of
label and value, one a line) and an analysed problem."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.insights.models import SituationReport, SourceKind
from samverkan.insights.services.situation_report import (
    FIELD_MAX,
    MAX_YEAR,
    MIN_YEAR,
    SECTION_MAX,
    ProblemFields,
)
from samverkan.organisations.models import Council


class StartForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    copy_from = forms.ModelChoiceField(
        label=_("Start from"),
        queryset=SituationReport.objects.none(),
        required=False,
        empty_label=_("An empty report"),
        help_text=_("Copies the texts, source tables and problems of the chosen year."),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["copy_from"]
        field.queryset = SituationReport.objects.filter(council=council).order_by("-year")


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=SECTION_MAX,
        required=False,
    )


class SourceTableForm(forms.Form):
    kind = forms.ChoiceField(label=_("Section"), choices=SourceKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    source = forms.CharField(label=_("Source"), max_length=300)
    rows = forms.CharField(
        label=_("Rows"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        help_text=_(
            'One row a line: the label, a semicolon and the value ("Utsatta för brott; 12 %").'
        ),
    )

    def clean_rows(self) -> list[tuple[str, str]]:
        rows = []
        for number, line in enumerate(self.cleaned_data["rows"].splitlines(), start=1):
            if not line.strip():
                continue
            label, separator, value = line.partition(";")
            if not separator:
                raise forms.ValidationError(
                    _("Line %(number)d has no semicolon between the label and the value."),
                    params={"number": number},
                )
            rows.append((label.strip(), value.strip()))
        return rows


def _text(label: Any, rows: int = 2) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=FIELD_MAX,
        required=False,
    )


class ProblemForm(forms.Form):
    title = forms.CharField(label=_("Problem"), max_length=200)
    what = _text(_("What"))
    where = _text(_("Where"))
    when = _text(_("When"))
    affected = _text(_("Who is affected"))
    causes = _text(_("Causes"))
    risk_factors = _text(_("Risk factors"))
    protective_factors = _text(_("Protective factors"))
    offender = _text(_("Offender (the problem-analysis triangle)"))
    place = _text(_("Place (the problem-analysis triangle)"))
    target = _text(_("Target (the problem-analysis triangle)"))
    prioritised = forms.BooleanField(label=_("Prioritised"), required=False)
    priority = forms.IntegerField(
        label=_("Priority order"),
        min_value=1,
        max_value=99,
        required=False,
        help_text=_("Left empty, a prioritised problem comes after the others."),
    )
    rationale = _text(_("Rationale for the priority"), 3)

    def fields_of(self) -> ProblemFields:
        return ProblemFields(**self.cleaned_data)
