"""Forms of dialogue meetings: the meeting, an input heard, and taking an input up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.dialogue.forms.builder import SurveyDateField
from samverkan.dialogue.models import Announcement, Dialogue
from samverkan.dialogue.services.dialogues import DialogueFields, InputFields
from samverkan.incidents.forms import CategoryChoiceField
from samverkan.incidents.models import Place
from samverkan.incidents.selectors import category_tree
from samverkan.organisations.models import Council, Organisation
from samverkan.plans.models import EDITABLE_STATUSES, Party, Plan, PromiseSet


class DialogueForm(forms.Form):
    held_on = SurveyDateField(label=_("Date"))
    place_text = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("For example “Nygårdens äldreboende, the dining room”."),
    )
    place = forms.ModelChoiceField(
        label=_("Place on the map"), queryset=Place.objects.none(), required=False
    )
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organisers"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    announced_via = forms.MultipleChoiceField(
        label=_("Announced via"),
        choices=Announcement.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    announced_other = forms.CharField(
        label=_("Announced otherwise"), max_length=200, required=False
    )
    participants = forms.IntegerField(
        label=_("Number of participants"), min_value=0, max_value=100_000, required=False
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        place: Any = self.fields["place"]
        place.queryset = Place.objects.filter(council=council).order_by("name")
        organisers: Any = self.fields["organisers"]
        organisers.queryset = Organisation.objects.filter(council=council).order_by("name")

    @staticmethod
    def initial_of(dialogue: Dialogue) -> dict[str, Any]:
        return {
            "held_on": dialogue.held_on,
            "place_text": dialogue.place_text,
            "place": dialogue.place_id,
            "organisers": [o.pk for o in dialogue.organisers.all()],
            "announced_via": dialogue.announced_via,
            "announced_other": dialogue.announced_other,
            "participants": dialogue.participants,
            "notes": dialogue.notes,
        }

    def dialogue_fields(self) -> DialogueFields:
        data = self.cleaned_data
        return DialogueFields(
            held_on=data["held_on"],
            place_text=data["place_text"],
            place=data["place"],
            organisers=list(data["organisers"]),
            announced_via=list(data["announced_via"]),
            announced_other=data["announced_other"],
            participants=data["participants"],
            notes=data["notes"],
        )


class InputForm(forms.Form):
    text = forms.CharField(
        label=_("What was said"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    theme = forms.CharField(
        label=_("Theme"),
        max_length=60,
        required=False,
        help_text=_("Choose one used before or type a new one."),
        widget=forms.TextInput(attrs={"list": "theme-list", "autocomplete": "off"}),
    )
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.none(), required=False)
    category = forms.ChoiceField(label=_("Incident category"), required=False)  # per council

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        place: Any = self.fields["place"]
        place.queryset = Place.objects.filter(council=council).order_by("name")
        self.fields["category"] = CategoryChoiceField(
            label=_("Incident category"), categories=category_tree(council), required=False
        )

    def input_fields(self) -> InputFields:
        data = self.cleaned_data
        return InputFields(
            text=data["text"], theme=data["theme"], place=data["place"], category=data["category"]
        )


class ToActivityForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none())
    text = forms.CharField(
        label=_("The activity"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=_("Leave empty to use the input's own words."),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan: Any = self.fields["plan"]
        plan.queryset = Plan.objects.filter(council=council).order_by("-year", "-id")


class ToPromiseForm(forms.Form):
    promise_set = forms.ModelChoiceField(
        label=_("Promise set"),
        queryset=PromiseSet.objects.none(),
        help_text=_(
            "Sets being drafted or anchored. Signed promises do not change: start a revision of "
            "them on the promises page first."
        ),
    )
    # Required: a promise draft without who makes it could not be signed (plans' Promise.parties).
    parties = forms.MultipleChoiceField(
        label=_("Who makes the promise"),
        choices=Party.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose who makes the promise.")},
    )
    text = forms.CharField(
        label=_("The promise"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=_("Leave empty to use the input's own words."),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        promise_set: Any = self.fields["promise_set"]
        # Only a set still being written takes a new promise (plans' check_editable).
        promise_set.queryset = PromiseSet.objects.filter(
            council=council, status__in=EDITABLE_STATUSES
        ).order_by("-id")
