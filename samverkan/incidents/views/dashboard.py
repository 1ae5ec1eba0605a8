"""The situational picture (lägesbild): the dashboard, its map, CSV downloads, the period report
and the public variant. Figures come from selectors_dashboard; see docs/architecture.md.

The filter travels in the query string, so that every figure, download and report of a page is
of the same period and filter.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely.geometry import shape

from samverkan.accounts.access import Capability, access_council, can, council_context
from samverkan.core import exports
from samverkan.core.errors import NotFoundError
from samverkan.core.pages import posted, run_service
from samverkan.incidents import charts, selectors
from samverkan.incidents import selectors_dashboard as figures
from samverkan.incidents.documents.period_report import (
    period_report_docx,
    period_report_filename,
    period_report_pdf,
)
from samverkan.incidents.forms import CategoryChoiceField, DateInput
from samverkan.incidents.models import Category, IncidentSource, Place, PlaceKind
from samverkan.meetings.forms import AttachForm
from samverkan.meetings.models import AgendaItem
from samverkan.meetings.services.item_files import default_item, document_attach
from samverkan.organisations.models import Council, Organisation

if TYPE_CHECKING:
    CategoryField = forms.ModelChoiceField[Category]
    PlaceField = forms.ModelChoiceField[Place]
    OrganisationField = forms.ModelChoiceField[Organisation]
else:  # the form fields are not subscriptable at run time
    CategoryField = PlaceField = OrganisationField = forms.ModelChoiceField

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)
REPORT_ITEM_WORDS = ("lägesbild", "lägesrapport", "statistik", "incident", "skadegörelse")
CSV_FIGURES = ("categories", "trend", "places", "weekdays", "cells")


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
                period_from=start, period_to=end, category=data.get("category")
            )
        return figures.DashboardFilter(
            period_from=data["period_from"] or start,
            period_to=data["period_to"] or max(end, data["period_from"] or end),
            category=data.get("category"),
            place=data.get("place"),
            area=data.get("area"),
            organisation=data.get("organisation"),
            source=data.get("source") or "",
        )


def _default_period(*, public: bool) -> tuple[dt.date, dt.date]:
    return figures.default_public_period() if public else figures.default_period()


def _filter_form(request: HttpRequest, council: Council, *, public: bool = False) -> Any:
    """The filter form; unfilled, its date fields show the period the page uses."""
    start, end = _default_period(public=public)
    return DashboardFilterForm(
        request.GET or None,
        council=council,
        public=public,
        initial={"period_from": start, "period_to": end},
    )


def _query(f: figures.DashboardFilter) -> str:
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


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


# Charts and tables ---------------------------------------------------------------------------


def month_label(month: dt.date) -> str:
    return f"{month:%Y-%m}"


def board_charts(board: figures.Dashboard, *, public: bool = False) -> dict[str, Any]:
    """The SVG charts of a dashboard: the trend against a year earlier, and counts per category."""
    f = board.filters

    def shown(value: int) -> int:
        return 0 if public and value < figures.PUBLIC_MIN_COUNT else value

    trend = charts.bar_chart(
        chart_id="trend-chart",
        title=_("Reports per month, %(start)s to %(end)s, against a year earlier")
        % {"start": f"{f.period_from:%Y-%m-%d}", "end": f"{f.period_to:%Y-%m-%d}"},
        labels=[month_label(r.month) for r in board.trend],
        series=[
            (_("This period"), [shown(r.count) for r in board.trend]),
            (_("A year earlier"), [shown(r.previous_count) for r in board.trend]),
        ],
    )
    counted = [t for t in board.totals if t.count]
    category = charts.hbar_chart(
        chart_id="category-chart",
        title=_("Reports per category, %(start)s to %(end)s")
        % {"start": f"{f.period_from:%Y-%m-%d}", "end": f"{f.period_to:%Y-%m-%d}"},
        rows=[(t.category.name, shown(t.count)) for t in counted],
        texts=[figures.public_count(t.count) for t in counted] if public else None,
    )
    cost_rows = [(t.category.name, t.cost) for t in board.totals if t.cost]
    cost = charts.hbar_chart(
        chart_id="cost-chart",
        title=_("Cost per category (kr), %(start)s to %(end)s")
        % {"start": f"{f.period_from:%Y-%m-%d}", "end": f"{f.period_to:%Y-%m-%d}"},
        rows=cost_rows,
        unit=" kr",
    )
    return {"trend_chart": trend, "category_chart": category, "cost_chart": cost}


WEEKDAYS = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)


def heat_rows(table: figures.WeekdayHours) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each weekday with its 24 counts and a shade from 0 (none) to 4 (the largest)."""
    result = []
    for day, name in enumerate(WEEKDAYS, start=1):
        row = table.row(day)
        shades = [
            (n, 0 if not n else 1 + min(3, math.floor(4 * n / (table.largest + 1)))) for n in row
        ]
        result.append((str(name), shades))
    return result


def _board(council: Council, f: figures.DashboardFilter) -> figures.Dashboard:
    return figures.dashboard(council, f)


# The dashboard and its map -------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    form = _filter_form(request, council)
    f = form.filters()
    board = _board(council, f)
    return render(
        request,
        "incidents/dashboard.html",
        _context(
            request,
            council,
            form=form,
            board=board,
            query=_query(f),
            heat=heat_rows(board.weekdays),
            hours=range(24),
            can_attach=can(request.user, council, Capability.MANAGE_MEETINGS),
            partly=list(selectors.aggregates_partly_within(council, f.period_from, f.period_to)),
            **board_charts(board),
        ),
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def dashboard_map(request: HttpRequest, slug: str) -> HttpResponse:
    """The map page: Leaflet where JavaScript runs, and the same cells as a table always."""
    council = access_council(request.user, slug)
    form = _filter_form(request, council)
    f = form.filters()
    cells = figures.name_cells(council, figures.cell_counts(council, f, 8)[: figures.TOP_CELLS])
    places = list(selectors.places_of(council))
    return render(
        request,
        "incidents/dashboard_map.html",
        _context(
            request,
            council,
            form=form,
            filters=f,
            cells=cells,
            query=_query(f),
            tiles_url=settings.MAP_TILES_URL,
            places=places,
            centre=map_centre(cells, places),
        ),
        status=400 if form.is_bound and form.errors else 200,
    )


# Where the map opens when nothing is on it yet: the middle of Sweden, far out.
SWEDEN_CENTRE = (62.0, 15.0, 5)


def map_centre(cells: list[figures.CellRow], places: list[Place]) -> tuple[float, float, int]:
    """The map's first view: the busiest cell, else the first named place, else Sweden."""
    if cells:
        return (round(cells[0].latitude, 5), round(cells[0].longitude, 5), 13)
    for place in places:
        point = shape(place.geometry).representative_point()
        return (round(point.y, 5), round(point.x, 5), 13)
    return SWEDEN_CENTRE


class BadMapRequestError(ValueError):
    pass


def _bbox_and_zoom(query: QueryDict) -> tuple[tuple[float, float, float, float] | None, int]:
    try:
        zoom = int(query.get("zoom", "12"))
        bbox = None
        raw = query.get("bbox") or ""
        if raw:
            west, south, east, north = (float(v) for v in str(raw).split(","))
            if not all(math.isfinite(v) for v in (west, south, east, north)):
                raise BadMapRequestError
            if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
                raise BadMapRequestError
            bbox = (west, south, east, north)
    except (ValueError, TypeError) as exc:
        raise BadMapRequestError from exc
    if not 0 <= zoom <= 22:
        raise BadMapRequestError
    return bbox, zoom


def _bad_map_request() -> JsonResponse:
    return JsonResponse(
        {"error": _("Give bbox as west,south,east,north in degrees and zoom from 0 to 22.")},
        status=400,
    )


@login_required
def dashboard_hexagons(request: HttpRequest, slug: str) -> HttpResponse:
    """Reports per map cell in the viewport, at a resolution that follows the zoom (GeoJSON)."""
    council = access_council(request.user, slug)
    form = _filter_form(request, council)
    try:
        bbox, zoom = _bbox_and_zoom(request.GET)
    except BadMapRequestError:
        return _bad_map_request()
    resolution = figures.resolution_for_zoom(zoom)
    rows = figures.cell_counts(council, form.filters(), resolution, bbox)
    return JsonResponse({**figures.cells_geojson(rows), "resolution": resolution})


@login_required
def dashboard_places(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    return JsonResponse(figures.places_geojson(council))


# CSV downloads ------------------------------------------------------------------------------


def figure_csv(
    council: Council, f: figures.DashboardFilter, figure: str
) -> tuple[list[str], list[list[exports.Cell]]]:
    """The header and rows of one figure of the dashboard."""
    if figure == "categories":
        return (
            [_("Group"), _("Category"), _("Number"), _("Cost (kr)"), _("Incomplete number")],
            [
                [
                    t.category.parent.name if t.category.parent else "",
                    t.category.name,
                    t.count,
                    t.cost,
                    _("yes") if t.count_incomplete else "",
                ]
                for t in figures.category_totals(council, f)
            ],
        )
    if figure == "trend":
        return (
            [
                _("Month"),
                _("Number"),
                _("Cost (kr)"),
                _("Number a year earlier"),
                _("Cost a year earlier (kr)"),
            ],
            [
                [month_label(r.month), r.count, r.cost, r.previous_count, r.previous_cost]
                for r in figures.monthly_trend(council, f)
            ],
        )
    if figure == "places":
        return (
            [_("Place"), _("Kind"), _("Number"), _("Cost (kr)")],
            [
                [r.name, str(PlaceKind(r.kind).label), r.count, r.cost]
                for r in figures.top_places(council, f)
            ],
        )
    if figure == "weekdays":
        table = figures.weekday_hours(council, f)
        return (
            [_("Weekday"), *[f"{h:02d}" for h in range(24)]],
            [[str(name), *table.row(day)] for day, name in enumerate(WEEKDAYS, start=1)],
        )
    if figure == "cells":
        rows = figures.name_cells(council, figures.cell_counts(council, f, 8))
        return (
            [_("Map cell (H3)"), _("Latitude"), _("Longitude"), _("Number"), _("Named places")],
            [
                [
                    r.cell,
                    round(r.latitude, 5),
                    round(r.longitude, 5),
                    r.count,
                    ", ".join(r.place_names),
                ]
                for r in rows
            ],
        )
    raise NotFoundError


@login_required
def dashboard_csv(request: HttpRequest, slug: str, figure: str) -> HttpResponse:
    council = access_council(request.user, slug)
    if figure not in CSV_FIGURES:
        raise NotFoundError
    f = _filter_form(request, council).filters()
    header, rows = figure_csv(council, f, figure)
    name = f"lagesbild-{figure}-{f.period_from:%Y-%m-%d}-{f.period_to:%Y-%m-%d}.csv"
    return exports.csv_response(exports.Table(header=header, rows=rows), filename=name)


# The period report ---------------------------------------------------------------------------


def _report_items(council: Council) -> Any:
    """The agenda items of the council's meetings from a month back on, soonest first."""
    since = timezone.localdate() - dt.timedelta(days=31)
    return (
        AgendaItem.objects.filter(meeting__body__council=council, meeting__date__gte=since)
        .select_related("meeting__body")
        .order_by("meeting__date", "meeting__id", "number")
    )


def _attach_form(request: HttpRequest, council: Council) -> AttachForm | None:
    items = list(_report_items(council)[:200])
    if not items:
        return None
    return AttachForm(
        posted(request),
        items=_report_items(council),
        with_meeting=True,
        initial={"item": default_item(items, REPORT_ITEM_WORDS)},
    )


def report_context(council: Council, f: figures.DashboardFilter) -> dict[str, Any]:
    """The figures and charts of the report, in Swedish like the document."""
    board = _board(council, f)
    with translation.override("sv"):
        return {
            "council": council,
            "board": board,
            "heat": [(str(name), row) for name, row in heat_rows(board.weekdays)],
            "hours": range(24),
            "generated": timezone.localtime(),
            **board_charts(board),
        }


def _report_page(
    request: HttpRequest,
    council: Council,
    form: DashboardFilterForm,
    attach_form: AttachForm | None,
    status: int = 200,
) -> HttpResponse:
    f = form.filters()
    manage = can(request.user, council, Capability.MANAGE_MEETINGS)
    return render(
        request,
        "incidents/period_report.html",
        _context(
            request,
            council,
            form=form,
            filters=f,
            query=_query(f),
            attach_form=attach_form if manage else None,
            can_attach=manage,
            attach_action=reverse("incidents:period_report_attach", kwargs={"slug": council.slug})
            + "?"
            + _query(f),
            attach_label=_("Attach %(filename)s") % {"filename": period_report_filename(f, "pdf")},
        ),
        status=status,
    )


@login_required
def period_report(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    form = _filter_form(request, council)
    attach_form = (
        _attach_form(request, council)
        if can(request.user, council, Capability.MANAGE_MEETINGS)
        else None
    )
    return _report_page(
        request, council, form, attach_form, status=400 if form.is_bound and form.errors else 200
    )


@login_required
def period_report_pdf_view(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    f = _filter_form(request, council).filters()
    content = period_report_pdf(report_context(council, f), f)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        content_disposition_header(True, period_report_filename(f, "pdf")) or "attachment"
    )
    return response


@login_required
def period_report_docx_view(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    f = _filter_form(request, council).filters()
    content = period_report_docx(report_context(council, f), f)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = (
        content_disposition_header(True, period_report_filename(f, "docx")) or "attachment"
    )
    return response


@login_required
def period_report_attach(request: HttpRequest, slug: str) -> HttpResponse:
    """Store the period report (PDF) as a file of an agenda item, in one step."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    form = _filter_form(request, council)
    attach_form = _attach_form(request, council)
    if request.method == "POST" and attach_form is not None and attach_form.is_valid():
        item = attach_form.cleaned_data["item"]
        f = form.filters()
        attached = run_service(
            attach_form,
            lambda: document_attach(
                actor=request.user,
                item=item,
                filename=period_report_filename(f, "pdf"),
                content=period_report_pdf(report_context(council, f), f),
            ),
        )
        if attached is not None:
            messages.success(
                request,
                _("The period report was attached to %(meeting)s, § %(number)d %(title)s.")
                % {
                    "meeting": f"{item.meeting.body.name} {item.meeting.date:%Y-%m-%d}",
                    "number": item.number,
                    "title": item.title,
                },
            )
            url = reverse("incidents:period_report", kwargs={"slug": slug})
            return redirect(f"{url}?{_query(f)}")
    return _report_page(
        request, council, form, attach_form, status=400 if request.method == "POST" else 200
    )


# The public variant --------------------------------------------------------------------------


def _publishing_council(slug: str) -> Council:
    if "\x00" in slug:
        raise NotFoundError
    council = Council.objects.select_related("municipality").filter(slug=slug).first()
    if council is None or not council.publishes:
        raise NotFoundError
    return council


def public_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Aggregate figures for anyone: counts under 5 read "<5", coarse cells, no text, no people."""
    council = _publishing_council(slug)
    form = _filter_form(request, council, public=True)
    f = form.filters()
    board = _board(council, f)
    cells = figures.cell_counts(council, f, figures.PUBLIC_MAX_RESOLUTION)[: figures.TOP_CELLS]
    shown = figures.public_count
    return render(
        request,
        "incidents/public_dashboard.html",
        {
            "public_council": council,
            "form": form,
            "filters": f,
            "totals": [
                (t.category, "–" if t.count_incomplete and not t.count else shown(t.count))
                for t in board.totals
            ],
            "trend": [(r.month, shown(r.count), shown(r.previous_count)) for r in board.trend],
            "cells": [(c, shown(c.count)) for c in figures.name_cells(council, cells)],
            "centre": map_centre(cells, []),
            "query": _query(f),
            "tiles_url": settings.MAP_TILES_URL,
            "minimum": figures.PUBLIC_MIN_COUNT,
            **board_charts(board, public=True),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def public_hexagons(request: HttpRequest, slug: str) -> HttpResponse:
    council = _publishing_council(slug)
    form = _filter_form(request, council, public=True)
    try:
        bbox, zoom = _bbox_and_zoom(request.GET)
    except BadMapRequestError:
        return _bad_map_request()
    resolution = figures.resolution_for_zoom(zoom, public=True)
    rows = figures.cell_counts(council, form.filters(), resolution, bbox)
    return JsonResponse({**figures.cells_geojson(rows, public=True), "resolution": resolution})


c = "councils/<slug:slug>/lagesbild/"
r = "r/<slug:slug>/lagesbild/"
urlpatterns: list[URLPattern] = [
    path(c, dashboard, name="dashboard"),
    path(c + "map/", dashboard_map, name="dashboard_map"),
    path(c + "cells.json", dashboard_hexagons, name="dashboard_hexagons"),
    path(c + "places.json", dashboard_places, name="dashboard_places"),
    path(c + "<slug:figure>.csv", dashboard_csv, name="dashboard_csv"),
    path(c + "report/", period_report, name="period_report"),
    path(c + "report/lagesbild.pdf", period_report_pdf_view, name="period_report_pdf"),
    path(c + "report/lagesbild.docx", period_report_docx_view, name="period_report_docx"),
    path(c + "report/attach/", period_report_attach, name="period_report_attach"),
    path(r, public_dashboard, name="public_dashboard"),
    path(r + "cells.json", public_hexagons, name="public_hexagons"),
]
