"""The form of the yearly follow-up (attaching a report is `meetings.forms.AttachForm`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.plans.models import Promise
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
