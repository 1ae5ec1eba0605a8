"""Forms of the reports: attaching a report to an agenda item, and the yearly follow-up."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samverkan.meetings.models import AgendaItem
from samverkan.plans.models import Promise
from samverkan.plans.services.follow_up import MAX_OUTCOME, MAX_SUMMARY

if TYPE_CHECKING:
    ItemField = forms.ModelChoiceField[AgendaItem]
else:  # the form field is not subscriptable at run time
    ItemField = forms.ModelChoiceField


class ItemChoiceField(ItemField):
    """An agenda item, named with its meeting when the items are of several meetings."""

    def __init__(self, *args: Any, with_meeting: bool = False, **kwargs: Any) -> None:
        self.with_meeting = with_meeting
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        label = f"§ {obj.number} {obj.title}"
        if self.with_meeting:
            meeting = obj.meeting
            return f"{meeting.body.name} {meeting.date:%Y-%m-%d}: {label}"
        return label


class AttachForm(forms.Form):
    item = ItemChoiceField(
        label=_("Agenda item"),
        queryset=AgendaItem.objects.none(),
        empty_label=None,
        help_text=_("The report is stored as one of the item's files, so it goes with the notice."),
    )

    def __init__(
        self, *args: Any, items: QuerySet[AgendaItem], with_meeting: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["item"]
        assert isinstance(field, ItemChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = items
        field.with_meeting = with_meeting


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
