"""The situational picture's filter: a period and, for staff, a category, place, area,
organisation and source. It travels in the query string, so that every figure, download and
report of a page is of the same period and filter."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.incidents import selectors
from samverkan.incidents.forms import CategoryChoiceField, DateInput
from samverkan.incidents.models import Category, IncidentSource, Place, PlaceKind
from samverkan.insights.selectors import dashboard as figures
from samverkan.organisations.models import Council, Organisation

if TYPE_CHECKING:
    CategoryField = forms.ModelChoiceField[Category]
    PlaceField = forms.ModelChoiceField[Place]
    OrganisationField = forms.ModelChoiceField[Organisation]
else:  # the form fields are not subscriptable at run time
    CategoryField = PlaceField = OrganisationField = forms.ModelChoiceField

EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)


# The filter ----------------------------------------------------------------------------------


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m", **kwargs)


class MonthField(forms.DateField):
    """A month (2018-02), read as its first day; a full date is read as the day it names."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)


class DashboardFilterForm(forms.Form):
    period_from = forms.DateField(label=gettext_lazy("From"), required=False, widget=DateInput())
    period_to = forms.DateField(label=gettext_lazy("To"), required=False, widget=DateInput())
    category = CategoryField(
        label=gettext_lazy("Category"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=gettext_lazy("All"),
    )
    place = PlaceField(
        label=gettext_lazy("Place"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=gettext_lazy("All"),
    )
    area = PlaceField(
        label=gettext_lazy("Area"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=gettext_lazy("All"),
    )
    organisation = OrganisationField(
        label=gettext_lazy("Reporting organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("All"),
    )
    source = forms.ChoiceField(
        label=gettext_lazy("Source"),
        choices=[("", gettext_lazy("All")), *IncidentSource.choices],
        required=False,
    )

    def __init__(self, *args: Any, council: Council, public: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.public = public
        self.fields["category"] = CategoryChoiceField(
            label=gettext_lazy("Category"),
            categories=selectors.category_tree(council),
            required=False,
            for_filter=True,
        )
        if public:
            for name in ("place", "area", "organisation", "source"):
                del self.fields[name]
            # Whole months only (figures.public_period); a day of an older link is read as
            # its month.
            self.fields["period_from"] = MonthField(label=gettext_lazy("From month"))
            self.fields["period_to"] = MonthField(label=gettext_lazy("To month"))
            return
        places = selectors.places_of(council)
        self.fields["place"].queryset = places  # type: ignore[attr-defined]
        self.fields["area"].queryset = places.filter(kind=PlaceKind.AREA)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            council=council
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        for name in ("period_from", "period_to"):
            day = data.get(name)
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(name, _("Choose a date between 1990 and 2100."))
        if start and end and end < start:
            self.add_error("period_to", _("The period must not end before it starts."))
        elif self.public and not self.errors and figures.public_period(start, end) is None:
            self.add_error(
                "period_from",
                _("Public figures are for months that have ended. Choose a month before this one."),
            )
        return data

    def _family(self, category: Category | None) -> tuple[int, ...] | None:
        field = self.fields["category"]
        return field.family(category) if isinstance(field, CategoryChoiceField) else None

    def filters(self) -> figures.DashboardFilter:
        """The chosen filter; the last 12 months where no valid period was given.

        The public variant's period is its whole months that have ended (public_period).
        """
        start, end = _default_period(public=self.public)
        if not self.is_bound or not self.is_valid():
            return figures.DashboardFilter(period_from=start, period_to=end)
        data = self.cleaned_data
        if self.public:
            months = figures.public_period(data["period_from"], data["period_to"])
            start, end = months or (start, end)
            return figures.DashboardFilter(
                period_from=start,
                period_to=end,
                category=data.get("category"),
                category_ids=self._family(data.get("category")),
            )
        return figures.DashboardFilter(
            period_from=data["period_from"] or start,
            period_to=data["period_to"] or max(end, data["period_from"] or end),
            category=data.get("category"),
            category_ids=self._family(data.get("category")),
            place=data.get("place"),
            area=data.get("area"),
            organisation=data.get("organisation"),
            source=data.get("source") or "",
        )


def _default_period(*, public: bool) -> tuple[dt.date, dt.date]:
    return figures.default_public_period() if public else figures.default_period()


def filter_form(
    request: HttpRequest, council: Council, *, public: bool = False
) -> DashboardFilterForm:
    """The filter form; unfilled, its date fields show the period the page uses."""
    start, end = _default_period(public=public)
    return DashboardFilterForm(
        request.GET or None,
        council=council,
        public=public,
        initial={"period_from": start, "period_to": end},
    )


def query_string(f: figures.DashboardFilter) -> str:
    """The filter as a query string, for links to the map, the downloads and the report."""
    pairs = {
        "period_from": f"{f.period_from:%Y-%m-%d}",
        "period_to": f"{f.period_to:%Y-%m-%d}",
        "category": f.category.pk if f.category else "",
        "place": f.place.pk if f.place else "",
        "area": f.area.pk if f.area else "",
        "organisation": f.organisation.pk if f.organisation else "",
        "source": f.source,
    }
    return urlencode({k: v for k, v in pairs.items() if v != ""})
