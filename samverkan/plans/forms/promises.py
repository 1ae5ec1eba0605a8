"""Forms of the citizen promises: the set, a promise, and the activities that fulfil it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.organisations.models import Council
from samverkan.plans.forms.activities import PlanDateField
from samverkan.plans.forms.agreements import LONG_TEXT, long_text
from samverkan.plans.models import Activity, Agreement, Party
from samverkan.plans.services.promises import MAX_YEAR, MIN_YEAR


class PromiseSetForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    year = forms.IntegerField(
        label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False
    )
    valid_from = PlanDateField(label=_("Valid from"), required=False)
    valid_to = PlanDateField(
        label=_("Valid to"),
        required=False,
        help_text=_("Usually a year; sometimes two, e.g. 2018-07-01 to 2020-06-30."),
    )
    background = long_text(_("Background"))
    current_picture = long_text(_("Current picture"))
    dialogues = long_text(_("Citizen dialogues"))
    intro = long_text(_("Introduction to the promises"), rows=2)
    signed_on = PlanDateField(label=_("Date of signing"), required=False)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    agreement = forms.ModelChoiceField(
        label=_("Cooperation agreement"), queryset=Agreement.objects.none(), required=False
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agreement"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = Agreement.objects.filter(council=council)


class PromiseForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999, required=False)
    text = forms.CharField(
        label=_("Promise"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    parties = forms.MultipleChoiceField(
        label=_("Who promises"),
        choices=Party.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=list(Party.values),
    )
    joint = forms.BooleanField(label=_("Joint promise"), required=False)


class AnchoringCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActivityChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        text = str(obj.text)
        return f"{obj.plan.year} · {obj.position + 1}. {text[:120]}{'…' if len(text) > 120 else ''}"


class PromiseActivitiesForm(forms.Form):
    activities = ActivityChoiceField(
        label=_("Activities that fulfil the promise"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["activities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = choices
