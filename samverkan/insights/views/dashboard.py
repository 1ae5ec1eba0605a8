"""The situational picture (lägesbild): the dashboard, its map, CSV downloads and the public
variant. Figures come from selectors/dashboard.py; see docs/architecture.md.

The filter travels in the query string (forms/dashboard.py), so that every figure, download and
report of a page is of the same period and filter.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely.geometry import shape

from samverkan.accounts.access import Capability, access_council, can, council_context
from samverkan.core import charts, exports
from samverkan.core.errors import NotFoundError
from samverkan.incidents.models import Place, PlaceKind
from samverkan.incidents.selectors import places_geojson, places_of
from samverkan.insights.forms.dashboard import filter_form, query_string
from samverkan.insights.selectors import dashboard as figures
from samverkan.organisations.models import Council

CSV_FIGURES = ("categories", "trend", "places", "targets", "weekdays", "cells")


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


# The dashboard and its map -------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    form = filter_form(request, council)
    f = form.filters()
    board = figures.dashboard(council, f)
    return render(
        request,
        "insights/dashboard.html",
        _context(
            request,
            council,
            form=form,
            board=board,
            query=query_string(f),
            heat=heat_rows(board.weekdays),
            hours=range(24),
            can_attach=can(request.user, council, Capability.MANAGE_MEETINGS),
            partly=list(figures.aggregates_partly_within(council, f.period_from, f.period_to)),
            **board_charts(board),
        ),
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def dashboard_map(request: HttpRequest, slug: str) -> HttpResponse:
    """The map page: Leaflet where JavaScript runs, and the same cells as a table always."""
    council = access_council(request.user, slug)
    form = filter_form(request, council)
    f = form.filters()
    cells = figures.name_cells(council, figures.cell_counts(council, f, 8)[: figures.TOP_CELLS])
    places = list(places_of(council))
    return render(
        request,
        "insights/dashboard_map.html",
        _context(
            request,
            council,
            form=form,
            filters=f,
            cells=cells,
            query=query_string(f),
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
    form = filter_form(request, council)
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
    return JsonResponse(places_geojson(council))


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
    if figure == "targets":
        return (
            [_("Who is affected"), _("Number"), _("Cost (kr)")],
            [[r.label, r.count, r.cost] for r in figures.target_groups(council, f)],
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
    f = filter_form(request, council).filters()
    header, rows = figure_csv(council, f, figure)
    name = f"handelseoversikt-{figure}-{f.period_from:%Y-%m-%d}-{f.period_to:%Y-%m-%d}.csv"
    return exports.csv_response(exports.Table(header=header, rows=rows), filename=name)


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
    form = filter_form(request, council, public=True)
    f = form.filters()
    board = figures.dashboard(council, f)
    cells = figures.cell_counts(council, f, figures.PUBLIC_MAX_RESOLUTION)[: figures.TOP_CELLS]
    shown = figures.public_count
    return render(
        request,
        "insights/public_dashboard.html",
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
            "query": query_string(f),
            "minimum": figures.PUBLIC_MIN_COUNT,
            **board_charts(board, public=True),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def public_hexagons(request: HttpRequest, slug: str) -> HttpResponse:
    council = _publishing_council(slug)
    form = filter_form(request, council, public=True)
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
    path(r, public_dashboard, name="public_dashboard"),
    path(r + "cells.json", public_hexagons, name="public_hexagons"),
]
