"""The forms of the results: the import of an earlier survey's results, and the cross by two
questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.dialogue.forms.builder import SurveyDateField
from samverkan.dialogue.models import Question


class ImportForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the earlier survey"), max_length=200, initial="Trygghetsenkät"
    )
    held_on = SurveyDateField(label=_("Held on"), required=False)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: question; answer; count; area (area may be empty)."),
    )


class CrossForm(forms.Form):
    """The two single-choice questions to cross by and the question shown (sent with GET)."""

    first = forms.TypedChoiceField(label=_("Cross by"), coerce=int)
    second = forms.TypedChoiceField(label=_("and by"), coerce=int)
    question = forms.TypedChoiceField(label=_("Question shown"), coerce=int)

    def __init__(self, data: Any, *, by: list[Question], crossed: list[Question]) -> None:
        super().__init__(data)
        by_choices = [(q.pk, q.text) for q in by]
        for name, choices in (("first", by_choices), ("second", by_choices)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101 (declared above)
            field.choices = choices
        shown = self.fields["question"]
        assert isinstance(shown, forms.ChoiceField)  # noqa: S101 (declared above)
        shown.choices = [(q.pk, q.text) for q in crossed]
        # Questions about the respondent (gender, age) usually close a survey: the last two.
        if len(by) > 1:
            self.fields["first"].initial = by[-2].pk
            self.fields["second"].initial = by[-1].pk
        chosen = [q for q in crossed if q.pk not in {p.pk for p in by[-2:]}]
        if chosen:
            self.fields["question"].initial = chosen[0].pk
