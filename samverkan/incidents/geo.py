"""Points, place geometries and map cells: validation with shapely, H3 cells for hotspot maps."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from typing import Any

import h3  # type: ignore[import-untyped]
import pyproj
from django.utils.translation import gettext_lazy as _
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from samverkan.core.errors import ServiceError

# Sweden's bounding box, with a small margin (Smygehuk to Treriksröset, Koster to Haparanda).
SWEDEN_LAT = (55.0, 69.2)
SWEDEN_LON = (10.5, 24.5)
H3_RESOLUTION = 9
GEOMETRY_TYPES = {"Point", "Polygon", "MultiPolygon"}
# An area is tested against every incident of a dashboard filtered on it: a polygon of 380,000
# corners cost 15 s and 380 MB a request. A municipality's outline needs a few hundred corners,
# and the largest (Kiruna) is 20,000 km².
MAX_CORNERS = 5_000
MAX_AREA_KM2 = 20_000
_KM_PER_DEGREE = 111.32


def in_sweden(latitude: float, longitude: float) -> bool:
    return (
        SWEDEN_LAT[0] <= latitude <= SWEDEN_LAT[1] and SWEDEN_LON[0] <= longitude <= SWEDEN_LON[1]
    )


def check_point(latitude: float | None, longitude: float | None) -> None:
    """Refuse half a point and a point outside Sweden."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ServiceError(_("Give both latitude and longitude, or neither."), field="latitude")
    if not in_sweden(latitude, longitude):
        raise ServiceError(
            _("The point is outside Sweden. Check the latitude (north) and longitude (east)."),
            field="latitude",
        )


# SWEREF 99 TM (EPSG:3006), the grid of most municipal files: Sweden lies within these metres
# (northing from Smygehuk to Treriksröset, easting from Koster to Haparanda, with a margin).
SWEREF_NORTHING = (6_100_000.0, 7_700_000.0)
SWEREF_EASTING = (250_000.0, 960_000.0)
_SWEREF_HEADER = re.compile(r"sweref|3006|northing|easting|\bnorth\b|\beast\b|^[ne]$|^[ne][ (]")


def sweref_header(header: str) -> bool:
    """Whether a coordinate column's header says SWEREF 99 TM: "SWEREF99 N", "X (SWEREF 99 TM)",
    "Northing", "E" (WGS 84 columns are named latitude and longitude)."""
    return bool(_SWEREF_HEADER.search(header.strip().lower()))


@functools.cache
def _from_sweref() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs("EPSG:3006", "EPSG:4326", always_xy=True)


class PointError(ValueError):
    """A pair of coordinates that is no point in Sweden; the message says why."""


def point_of(first: float, second: float, *, sweref: bool = False) -> tuple[float, float]:
    """(latitude, longitude) in WGS 84 from a pair of coordinate columns.

    The pair is WGS 84 degrees (latitude, longitude) unless `sweref` says the columns are
    SWEREF 99 TM or a value is beyond any degree; then it is metres, and the northing is the
    value in Sweden's northings whichever column it is in (x is the northing in Swedish
    surveying, the easting in GIS). Raises PointError for a point outside Sweden.
    """
    if not sweref and abs(first) <= 180 and abs(second) <= 180:
        if not in_sweden(first, second):
            raise PointError(
                _("The point is outside Sweden. Check the latitude (north) and longitude (east).")
            )
        return first, second
    northing, easting = (first, second) if first > second else (second, first)
    if not (
        SWEREF_NORTHING[0] <= northing <= SWEREF_NORTHING[1]
        and SWEREF_EASTING[0] <= easting <= SWEREF_EASTING[1]
    ):
        raise PointError(
            _(
                "The point is outside Sweden in SWEREF 99 TM: the northing (N) must lie between "
                "6 100 000 and 7 700 000 metres and the easting (E) between 250 000 and 960 000."
            )
        )
    longitude, latitude = _from_sweref().transform(easting, northing)
    if not in_sweden(latitude, longitude):  # pragma: no cover (the ranges above are inside)
        raise PointError(_("The point is outside Sweden."))
    return round(latitude, 6), round(longitude, 6)


def h3_cell(latitude: float, longitude: float) -> str:
    return str(h3.latlng_to_cell(latitude, longitude, H3_RESOLUTION))


def _numbers_only(coordinates: Any) -> bool:
    """Whether nested lists hold numbers only (shapely would take "16" too, and it is stored)."""
    if isinstance(coordinates, list):
        return all(_numbers_only(item) for item in coordinates)
    return isinstance(coordinates, int | float) and not isinstance(coordinates, bool)


def _corners(coordinates: Any) -> int:
    """The points of nested coordinate lists (a point is a list of numbers)."""
    if isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], list):
        return sum(_corners(item) for item in coordinates)
    return 1


def _area_km2(shaped: BaseGeometry) -> float:
    """Near enough for a limit: degrees squared scaled at the geometry's latitude."""
    latitude = shaped.centroid.y
    return float(shaped.area) * _KM_PER_DEGREE**2 * math.cos(math.radians(latitude))


def parse_geometry(geometry: Any) -> BaseGeometry:
    """A GeoJSON Point, Polygon or MultiPolygon inside Sweden, as a shapely geometry, of at
    most MAX_CORNERS corners (counted before shapely reads it) and MAX_AREA_KM2."""
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        raise ServiceError(_("The geometry must be a GeoJSON Point or Polygon."), field="geometry")
    if not _numbers_only(geometry.get("coordinates")):
        raise ServiceError(_("The geometry is not valid GeoJSON."), field="geometry")
    if _corners(geometry.get("coordinates")) > MAX_CORNERS:
        raise ServiceError(
            _("An area may have at most %(count)s corners. Draw it more simply.")
            % {"count": f"{MAX_CORNERS:,}"},
            field="geometry",
        )
    try:
        shaped = shape(geometry)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise ServiceError(_("The geometry is not valid GeoJSON."), field="geometry") from exc
    if shaped.is_empty or not shaped.is_valid:
        raise ServiceError(
            _("The geometry is not valid: a polygon must be closed and must not cross itself."),
            field="geometry",
        )
    min_lon, min_lat, max_lon, max_lat = shaped.bounds
    if not (in_sweden(min_lat, min_lon) and in_sweden(max_lat, max_lon)):
        raise ServiceError(
            _("The geometry is outside Sweden. GeoJSON gives longitude first, then latitude."),
            field="geometry",
        )
    if _area_km2(shaped) > MAX_AREA_KM2:
        raise ServiceError(
            _("An area may cover at most %(area)s km², the size of the largest municipality.")
            % {"area": f"{MAX_AREA_KM2:,}"},
            field="geometry",
        )
    return shaped


def place_cell(geometry: Any) -> str:
    """The map cell of a place: its own point, or a point surely inside its polygon."""
    point = parse_geometry(geometry).representative_point()
    return h3_cell(point.y, point.x)


def place_containing(places: Iterable[Any], latitude: float, longitude: float) -> Any | None:
    """The smallest place whose polygon holds the point; places that are points hold nothing."""
    point = Point(longitude, latitude)
    best: tuple[float, Any] | None = None
    for place in places:
        geometry = shape(place.geometry)
        if geometry.geom_type == "Point" or not geometry.contains(point):
            continue
        if best is None or geometry.area < best[0]:
            best = (geometry.area, place)
    return best[1] if best else None
