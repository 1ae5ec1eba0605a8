"""Forms parse and type the input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms.fields import InvalidJSONInput
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samverkan.core.errors import ServiceError
from samverkan.core.forms import rows_formset
from samverkan.core.privacy import personal_data_found
from samverkan.incidents import geo, selectors
from samverkan.incidents.models import (
    Category,
    IncidentSource,
    IncidentStatus,
    Place,
    PlaceKind,
    TargetGroup,
)
from samverkan.incidents.photos import FORMATS
from samverkan.organisations.models import Council, Organisation

ACCEPT = ",".join(FORMATS.values())


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class LocalDateTimeField(forms.DateTimeField):
    """A local date and time; one that cannot be placed in the time zone (year 1) is refused."""

    widget = DateTimeLocalInput

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except OverflowError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one field; each is checked by the service."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultiplePhotoField, self).clean(item, initial) for item in files]


class CategoryChoiceField(forms.ChoiceField):
    """The council's categories as a select grouped by their group; gives a Category."""

    def __init__(
        self,
        *,
        categories: list[tuple[Category, list[Category]]],
        for_filter: bool = False,
        **kwargs: Any,
    ):
        """for_filter: a group's own option means all of the group, and the empty one all."""
        self._by_id: dict[str, Category] = {}
        self._family: dict[int, tuple[int, ...]] = {}
        choices: list[Any] = [("", _("All") if for_filter else "–")]
        group_text = _("all") if for_filter else _("not specified")
        for group, children in categories:
            self._by_id[str(group.pk)] = group
            self._family[group.pk] = (group.pk, *(child.pk for child in children))
            if children:
                options = [(str(group.pk), format_lazy("{} – {}", group.name, group_text))]
                for child in children:
                    self._by_id[str(child.pk)] = child
                    options.append((str(child.pk), child.name))
                choices.append((group.name, options))
            else:
                choices.append((str(group.pk), group.name))
        super().__init__(choices=choices, **kwargs)
        self.error_messages["invalid_choice"] = _("Choose one of the categories in the list.")

    def clean(self, value: Any) -> Category | None:
        key = super().clean(value)
        return self._by_id.get(key) if key else None

    def family(self, category: Category | None) -> tuple[int, ...] | None:
        """The ids a filter by the category counts: a group's own and its subcategories'
        (known from the choices, so no query); None for no category."""
        if category is None:
            return None
        return self._family.get(category.pk, (category.pk,))


def _now_local() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class IncidentForm(forms.Form):
    """A partner's report, and a coordinator's correction of one (without photos)."""

    category = forms.ChoiceField(label=_("What happened"))
    place = forms.ModelChoiceField(
        label=_("Named place"),
        queryset=Place.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the places in the list.")},
    )
    address = forms.CharField(
        label=_("Address or place description"),
        max_length=200,
        required=False,
        help_text=_("If the place is not in the list, e.g. Glasgatan 3, the bicycle stand."),
    )
    latitude = forms.FloatField(
        label=_("Latitude (north)"),
        required=False,
        help_text=_("From the phone's map, e.g. 59.5140. Optional."),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude (east)"),
        required=False,
        help_text=_("E.g. 15.9920. Optional."),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    occurred_from = LocalDateTimeField(
        label=_("When"),
        widget=DateTimeLocalInput(),
        help_text=_(
            "Now, unless you change it. For damage found later: the last time it was seen whole."
        ),
    )
    occurred_to = LocalDateTimeField(
        label=_("Until"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("For damage found later: when it was found."),
    )
    cost = forms.IntegerField(
        label=_("Cost (kr)"),
        required=False,
        min_value=0,
        max_value=2_000_000_000,
        help_text=_("Whole kronor. You can add it later when the invoice comes."),
        error_messages={"min_value": _("The cost cannot be negative.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Describe the event and the place, not people."),
    )
    target_group = forms.ChoiceField(
        label=_("Who is affected"),
        choices=[("", _("Not said")), *TargetGroup.choices],
        required=False,
        help_text=_("A kind of target, for the situational picture; never a name."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Reported for"),
        queryset=Organisation.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the organisations in the list.")},
    )
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 10 MB each. Location data is removed."),
    )
    confirm_personal_data = forms.BooleanField(
        label=_("Yes, save anyway: the personal data is needed and says nothing about a crime"),
        required=False,
    )

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        *,
        council: Council,
        organisations: Any,
        with_photos: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, files, **kwargs)
        self.fields["category"] = CategoryChoiceField(
            label=_("What happened"), categories=selectors.category_tree(council)
        )
        self.fields["place"].queryset = selectors.places_of(council)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if not self.is_bound and "occurred_from" not in self.initial:
            self.initial["occurred_from"] = _now_local()
        if not with_photos:
            del self.fields["photos"]
        # The confirmation is offered only once a warning has been given. The raw text is
        # looked at only within the field's limit: no pattern runs on an unbounded input.
        description = str(data.get("description", "")) if data else ""
        limit = self.fields["description"].max_length  # type: ignore[attr-defined]
        if not (len(description) <= limit and personal_data_found(description)):
            del self.fields["confirm_personal_data"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The point is checked here too, so that every problem of the form shows at once.
        if "latitude" in data and "longitude" in data:
            try:
                geo.check_point(data["latitude"], data["longitude"])
            except ServiceError as exc:
                self.add_error("latitude", str(exc.message))
        found = personal_data_found(data.get("description") or "")
        if found and not data.get("confirm_personal_data"):
            self.add_error(
                "description",
                format_lazy(
                    _(
                        "The description seems to hold {what}. Reports describe events and "
                        "places, not people. Under article 10 of the GDPR, information that "
                        "someone has committed or is suspected of a crime may only be kept by "
                        "public authorities such as the police. Remove the personal data, or "
                        "tick the box to save anyway if it is needed and says nothing about a "
                        "crime."
                    ),
                    what=", ".join(str(item) for item in found),
                ),
            )
        if self.errors and self.files and self.files.getlist("photos"):
            self.add_error(
                "photos",
                _(
                    "Choose the photos again: a browser does not keep them when the form comes "
                    "back."
                ),
            )
        return data


class CitizenReportForm(forms.Form):
    """The public form: no login, anonymous unless the citizen leaves an e-mail address."""

    category = forms.ChoiceField(label=_("What do you want to report?"))
    address = forms.CharField(
        label=_("Where?"),
        max_length=200,
        required=False,
        help_text=_("An address or a description of the place."),
    )
    latitude = forms.FloatField(
        label=_("Latitude (north)"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude (east)"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    description = forms.CharField(
        label=_("Describe what you saw"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Describe the place and what happened, not people. Do not write names."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("JPEG, PNG or WebP, at most 10 MB. Location data is removed."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address, if you want an answer"),
        required=False,
        help_text=_("Never shown publicly. Leave it empty to report anonymously."),
    )
    # The honeypot: people do not see it, robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: list[tuple[Category, list[Category]]] = [
            (group, []) for group, _children in selectors.category_tree(council)
        ]
        self.fields["category"] = CategoryChoiceField(
            label=_("What do you want to report?"), categories=groups
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The point is checked here too, so that every problem of the form shows at once.
        if "latitude" in data and "longitude" in data:
            try:
                geo.check_point(data["latitude"], data["longitude"])
            except ServiceError as exc:
                self.add_error("latitude", str(exc.message))
        found = personal_data_found(data.get("description") or "")
        if found:
            self.add_error(
                "description",
                format_lazy(
                    _(
                        "The description seems to hold {what}. Do not write personal data: "
                        "describe the place and what happened."
                    ),
                    what=", ".join(str(item) for item in found),
                ),
            )
        return data


class AggregateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Reporting organisation"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the organisations in the list.")},
    )
    period_from = forms.DateField(label=_("From"), widget=DateInput())
    period_to = forms.DateField(label=_("To"), widget=DateInput())

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class AggregateRowForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    count = forms.IntegerField(
        label=_("Number"),
        required=False,
        min_value=0,
        max_value=2_000_000_000,
        error_messages={"min_value": _("The number cannot be negative.")},
    )
    cost = forms.IntegerField(
        label=_("Cost (kr)"),
        required=False,
        min_value=0,
        max_value=2_000_000_000,
        error_messages={"min_value": _("The cost cannot be negative.")},
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"] = CategoryChoiceField(
            label=_("Category"), categories=selectors.category_tree(council), required=False
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_figure = data.get("count") is not None or data.get("cost") is not None
        if has_figure and not data.get("category"):
            self.add_error("category", _("Choose the category of these figures."))
        return data


AggregateRows = rows_formset(AggregateRowForm, extra=6, max_num=40)


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    parent = forms.ModelChoiceField(
        label=_("Group"),
        queryset=Category.objects.none(),
        required=False,
        help_text=_("Empty for a group of its own."),
    )
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=10_000, initial=0)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = selectors.categories_of(council).filter(parent__isnull=True)
        self.fields["parent"].queryset = groups  # type: ignore[attr-defined]


class GeoJSONField(forms.JSONField):
    """A JSON field that refuses nesting too deep for the JSON parser instead of failing."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except RecursionError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def bound_data(self, data: Any, initial: Any) -> Any:
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return InvalidJSONInput(data)


class PlaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlaceKind.choices)
    geometry = GeoJSONField(
        label=_("Geometry (GeoJSON)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A GeoJSON Point or Polygon, longitude first, e.g. "
            '{"type": "Point", "coordinates": [15.99, 59.51]}.'
        ),
    )


class AddressRegisterForm(forms.Form):
    file = forms.FileField(
        label=_("Address register (CSV, XLSX or GeoJSON)"),
        help_text=_(
            "Columns for the street (or the whole address), the number, the postcode and the "
            "locality, and the point as latitude and longitude (WGS 84); or GeoJSON points with "
            "those properties. The file replaces the register."
        ),
    )


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Number of the report to merge into"),
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("This report then leaves the figures and links to that one."),
    )


class IncidentFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)  # set per council
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *IncidentStatus.choices], required=False
    )
    source = forms.ChoiceField(
        label=_("Source"), choices=[("", _("All")), *IncidentSource.choices], required=False
    )
    period_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    period_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"] = CategoryChoiceField(
            label=_("Category"),
            categories=selectors.category_tree(council),
            required=False,
            for_filter=True,
        )

    def category_ids(self) -> tuple[int, ...] | None:
        """The ids the chosen category stands for (its own and its subcategories')."""
        field = self.fields["category"]
        if not isinstance(field, CategoryChoiceField):
            return None
        return field.family(self.cleaned_data.get("category"))
