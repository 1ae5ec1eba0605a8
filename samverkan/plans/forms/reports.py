"""The form of the yearly follow-up (attaching a report is `meetings.forms.AttachForm`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samverkan.plans.models import Activity, OutcomePeriod, Plan, Promise
from samverkan.plans.services.follow_up import MAX_OUTCOME, MAX_SUMMARY


class FollowUpForm(forms.Form):
    """The summary, and one outcome per promise of the plan (fields `outcome_<promise id>`)."""

    summary = forms.CharField(
        label=_("Summary"),
        max_length=MAX_SUMMARY,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How the year went: what was done, what had effect, what remains."),
    )

    def __init__(self, *args: Any, promises: list[Promise], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, promise in enumerate(promises, start=1):
            text = promise.text if len(promise.text) <= 120 else promise.text[:120] + "…"
            self.fields[f"outcome_{promise.pk}"] = forms.CharField(
                label=_("Outcome of promise %(number)d: %(text)s")
                % {"number": number, "text": text},
                max_length=MAX_OUTCOME,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.promises = promises

    def outcomes(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data.get(f"outcome_{p.pk}", "") for p in self.promises}


class FollowUpPeriodForm(forms.Form):
    """Which tertial or year of the plan the follow-up shows, read from the address."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    period = forms.ChoiceField(label=_("Period"), choices=OutcomePeriod.choices)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 (narrows the type)
        field.choices = [(year, str(year)) for year in plan.years]

    def chosen(self) -> tuple[int, str]:
        """The valid choice, or the first year's whole year (the errors stay on the form)."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["year"], self.cleaned_data["period"]
        return self.plan.year, OutcomePeriod.YEAR


class ActivityChoiceField(forms.ModelMultipleChoiceField[Activity]):
    def label_from_instance(self, obj: Any) -> str:
        text = str(obj.text)
        status = obj.get_status_display() if obj.status else _("no status")
        return f"{text[:120]}{'…' if len(text) > 120 else ''} ({status})"


class CarryOverForm(forms.Form):
    """Which measures go over, one checkbox each (all checked to begin with)."""

    activities = ActivityChoiceField(
        label=_("Activities to carry over"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Marks a post from this form: without it, the carry-over takes every unfinished one.
    chosen_marker = forms.CharField(widget=forms.HiddenInput, initial="1", required=False)

    def __init__(self, *args: Any, activities: QuerySet[Activity], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["activities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = activities
        if not self.is_bound:
            self.initial.setdefault("activities", list(activities))

    def clean_activities(self) -> list[Activity]:
        chosen = list(self.cleaned_data.get("activities") or [])
        if not chosen:
            raise forms.ValidationError(_("Choose at least one activity."))
        return chosen

    def chosen(self) -> list[int]:
        return [a.pk for a in self.cleaned_data["activities"]]


class ReviseForm(CarryOverForm):
    """A revision of the plan: its title, and which measures it keeps."""

    title = forms.CharField(label=_("Title of the revised plan"), max_length=300)

    field_order = ["title", "activities"]
