"""Forms of safety walks: planning the walk, a finding on the way, and taking a finding up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.dialogue.forms.builder import SurveyDateField
from samverkan.dialogue.models import Finding, FindingKind, SafetyWalk
from samverkan.dialogue.services.walks import FindingFields, WalkFields, route_as_text
from samverkan.incidents.forms import CategoryChoiceField
from samverkan.incidents.models import Place
from samverkan.incidents.selectors import category_tree
from samverkan.organisations.models import Council, Organisation


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class WalkForm(forms.Form):
    walked_on = SurveyDateField(label=_("Date"))
    starts_at = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=TimeInput(),
        help_text=_("An incident reported from a finding happened then; noon if left empty."),
    )
    area_text = forms.CharField(
        label=_("Area"),
        max_length=200,
        required=False,
        help_text=_("For example “the town centre, Stora torget to the station”."),
    )
    place = forms.ModelChoiceField(
        label=_("Area on the map"), queryset=Place.objects.none(), required=False
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    residents = forms.IntegerField(
        label=_("Number of residents taking part"), min_value=0, max_value=100_000, initial=0
    )
    route = forms.CharField(
        label=_("Route"),
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        max_length=20_000,
        required=False,
        help_text=_(
            "One point a line as “latitude, longitude” in decimal degrees, e.g. 59.5113, 15.9912."
        ),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        place: Any = self.fields["place"]
        place.queryset = Place.objects.filter(council=council).order_by("name")
        organisations: Any = self.fields["organisations"]
        organisations.queryset = Organisation.objects.filter(council=council).order_by("name")

    @staticmethod
    def initial_of(walk: SafetyWalk) -> dict[str, Any]:
        return {
            "walked_on": walk.walked_on,
            "starts_at": walk.starts_at,
            "area_text": walk.area_text,
            "place": walk.place_id,
            "organisations": [o.pk for o in walk.organisations.all()],
            "residents": walk.residents,
            "route": route_as_text(walk.route),
            "notes": walk.notes,
        }

    def walk_fields(self) -> WalkFields:
        data = self.cleaned_data
        return WalkFields(
            walked_on=data["walked_on"],
            starts_at=data["starts_at"],
            area_text=data["area_text"],
            place=data["place"],
            organisations=list(data["organisations"]),
            residents=data["residents"],
            route_text=data["route"],
            notes=data["notes"],
        )


class FindingForm(forms.Form):
    latitude = forms.FloatField(
        label=_("Latitude (north)"),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude (east)"),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    kind = forms.ChoiceField(label=_("What is wrong"), choices=FindingKind.choices)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    suggestion = forms.CharField(
        label=_("Suggestion"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 10 MB. Location data is removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def finding_fields(self) -> FindingFields:
        data = self.cleaned_data
        return FindingFields(
            latitude=data["latitude"],
            longitude=data["longitude"],
            kind=data["kind"],
            description=data["description"],
            suggestion=data["suggestion"],
            photo=data["photo"] or None,
            remove_photo=bool(data.get("remove_photo")),
        )


class FindingEditForm(FindingForm):
    """Correcting a finding: the photo stays unless a new one is chosen or it is removed."""

    photo = forms.FileField(
        label=_("New photo"),
        required=False,
        help_text=_(
            "Leave empty to keep the current photo. JPEG, PNG or WebP, at most 10 MB. Location"
            " data is removed."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    def __init__(self, *args: Any, finding: Finding, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not finding.photo:
            del self.fields["remove_photo"]
            self.fields["photo"].label = _("Photo")
            self.fields["photo"].help_text = FindingForm.base_fields["photo"].help_text

    @staticmethod
    def initial_of(finding: Finding) -> dict[str, Any]:
        return {
            "latitude": finding.latitude,
            "longitude": finding.longitude,
            "kind": finding.kind,
            "description": finding.description,
            "suggestion": finding.suggestion,
        }


class ToIncidentForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"))  # the council's, grouped

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"] = CategoryChoiceField(
            label=_("Category"), categories=category_tree(council)
        )
