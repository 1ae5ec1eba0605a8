"""Forms of the survey builder: the survey, a section, a question.

The answer form itself is not a Django form: its fields are the survey's questions, rendered by
`dialogue/answer_field.html` (one field each) and checked by `services.answers.parse_response`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from samverkan.dialogue.models import QuestionKind, Survey
from samverkan.dialogue.services.builder import QuestionFields, SurveyFields
from samverkan.meetings.forms import DateInput


class SurveyDateField(forms.DateField):
    widget = DateInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            validators=[
                MinValueValidator(dt.date(1990, 1, 1)),
                MaxValueValidator(dt.date(2100, 12, 31)),
            ],
            **kwargs,
        )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class PreviousChoiceField(forms.ModelChoiceField[Survey]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title_sv)


class SurveyForm(forms.Form):
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=200)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    intro_sv = forms.CharField(
        label=_("Introduction in Swedish"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    intro_en = forms.CharField(
        label=_("Introduction in English"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    opens_on = SurveyDateField(label=_("Opens on"), required=False)
    closes_on = SurveyDateField(label=_("Closes on"), required=False)
    areas = forms.CharField(
        label=_("Areas"),
        help_text=_("One area per line, e.g. Nygård. Respondents choose where they live."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    groups = forms.CharField(
        label=_("Respondent groups"),
        help_text=_("One group per line, e.g. age groups. Respondents choose their own."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    previous = PreviousChoiceField(
        label=_("Previous survey, to compare with"), queryset=Survey.objects.none(), required=False
    )
    place_points = forms.BooleanField(
        label=_("Place questions also take a point on the map"),
        required=False,
        help_text=_(
            "Otherwise they offer the council's named places and the areas only. A point is "
            "kept only as the middle of its map cell, about 350 metres across."
        ),
    )

    def __init__(self, *args: Any, council: Any, exclude: Survey | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["previous"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (narrows the type)
        queryset = Survey.objects.filter(council=council).order_by("-created_at", "-id")
        field.queryset = queryset.exclude(pk=exclude.pk) if exclude else queryset

    def survey_fields(self) -> SurveyFields:
        data = self.cleaned_data
        return SurveyFields(
            title_sv=data["title_sv"],
            title_en=data["title_en"],
            intro_sv=data["intro_sv"],
            intro_en=data["intro_en"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            areas=_lines(data["areas"]),
            groups=_lines(data["groups"]),
            previous=data["previous"],
            place_points=data["place_points"],
        )

    @staticmethod
    def initial_of(survey: Survey) -> dict[str, Any]:
        return {
            "title_sv": survey.title_sv,
            "title_en": survey.title_en,
            "intro_sv": survey.intro_sv,
            "intro_en": survey.intro_en,
            "opens_on": survey.opens_on,
            "closes_on": survey.closes_on,
            "areas": "\n".join(survey.areas),
            "groups": "\n".join(survey.groups),
            "previous": survey.previous_id,
            "place_points": survey.place_points,
        }


class SectionForm(forms.Form):
    title_sv = forms.CharField(label=_("Heading in Swedish"), max_length=200)
    title_en = forms.CharField(label=_("Heading in English"), max_length=200, required=False)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    text_sv = forms.CharField(label=_("Question in Swedish"), max_length=500)
    text_en = forms.CharField(label=_("Question in English"), max_length=500, required=False)
    help_sv = forms.CharField(label=_("Help text in Swedish"), max_length=500, required=False)
    help_en = forms.CharField(label=_("Help text in English"), max_length=500, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    low_label_sv = forms.CharField(
        label=_("Scale: words for 1, in Swedish"), max_length=100, required=False
    )
    low_label_en = forms.CharField(
        label=_("Scale: words for 1, in English"), max_length=100, required=False
    )
    high_label_sv = forms.CharField(
        label=_("Scale: words for 5, in Swedish"), max_length=100, required=False
    )
    high_label_en = forms.CharField(
        label=_("Scale: words for 5, in English"), max_length=100, required=False
    )
    options_sv = forms.CharField(
        label=_("Options in Swedish"),
        help_text=_("For single and multiple choice: one option per line, in the order shown."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=6000,
        required=False,
    )
    options_en = forms.CharField(
        label=_("Options in English"),
        help_text=_(
            "The same options in the same order, one per line; or leave empty to show the"
            " Swedish ones."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=6000,
        required=False,
    )

    def question_fields(self) -> QuestionFields:
        data = self.cleaned_data
        return QuestionFields(
            kind=data["kind"],
            text_sv=data["text_sv"],
            text_en=data["text_en"],
            help_sv=data["help_sv"],
            help_en=data["help_en"],
            required=data["required"],
            low_label_sv=data["low_label_sv"],
            low_label_en=data["low_label_en"],
            high_label_sv=data["high_label_sv"],
            high_label_en=data["high_label_en"],
            # Line by line, blank lines kept: the service pairs the Swedish and English lines.
            options_sv=[line.strip() for line in data["options_sv"].splitlines()],
            options_en=[line.strip() for line in data["options_en"].splitlines()],
        )
