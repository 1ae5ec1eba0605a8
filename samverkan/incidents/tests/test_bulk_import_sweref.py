"""Coordinates in incident imports may be SWEREF 99 TM (EPSG:3006, the grid most municipal files
use) as well as WGS 84: told by the column names or by the values, converted with pyproj, and a
point outside Sweden is a clear row error."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from samverkan.core.importing import tables
from samverkan.incidents import geo
from samverkan.incidents.models import Incident
from samverkan.incidents.services import bulk_import

# Köping's square (Stora torget) in both systems.
KOPING_WGS84 = (59.5118, 15.9946)
KOPING_SWEREF = (6_597_465.0, 556_290.0)


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


def _table(text: str) -> tables.Table:
    return tables.read_table("export.csv", text.encode())


def test_a_sweref_point_is_converted_to_latitude_and_longitude():
    latitude, longitude = geo.point_of(*KOPING_SWEREF, sweref=True)
    assert latitude == pytest.approx(KOPING_WGS84[0], abs=0.001)
    assert longitude == pytest.approx(KOPING_WGS84[1], abs=0.001)


@given(
    northing=st.floats(6_150_000, 7_650_000),
    easting=st.floats(300_000, 900_000),
    swapped=st.booleans(),
    said=st.booleans(),
)
def test_metres_are_read_as_sweref_whichever_column_holds_the_northing(
    northing, easting, swapped, said
):
    pair = (easting, northing) if swapped else (northing, easting)
    try:
        latitude, longitude = geo.point_of(*pair, sweref=said)
    except geo.PointError:
        return  # a corner of the rectangle outside the country's box: refused, never wrong
    assert (latitude, longitude) == geo.point_of(northing, easting, sweref=True)
    assert geo.in_sweden(latitude, longitude)


@given(latitude=st.floats(55.5, 69.0), longitude=st.floats(11.0, 24.0))
def test_degrees_stay_degrees(latitude, longitude):
    assert geo.point_of(latitude, longitude) == (latitude, longitude)


@given(
    pair=st.one_of(
        st.tuples(st.floats(-90, 54.9), st.floats(-180, 180)),
        st.tuples(st.floats(1_000, 6_000_000), st.floats(1_000, 6_000_000)),
        st.tuples(st.floats(7_800_000, 9e9), st.floats(300_000, 900_000)),
    )
)
def test_a_point_outside_sweden_is_refused_in_either_system(pair):
    with pytest.raises(geo.PointError, match="outside Sweden"):
        geo.point_of(*pair)


@pytest.mark.parametrize(
    ("header", "sweref"),
    [
        ("N", True),
        ("E", True),
        ("Northing", True),
        ("X (SWEREF 99 TM)", True),
        ("y_sweref99tm", True),
        ("EPSG:3006 N", True),
        ("Lat", False),
        ("Longitud", False),
        ("x", False),
    ],
)
def test_the_header_tells_sweref(header, sweref):
    assert geo.sweref_header(header) is sweref


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [("N", "E"), ("Northing", "Easting"), ("X (SWEREF 99 TM)", "Y (SWEREF 99 TM)"), ("y", "x")],
)
def test_a_file_in_sweref_is_imported_with_its_points_in_wgs84(council, categories, headers):
    # given a municipal file with SWEREF 99 TM columns (x is the northing in Swedish surveying)
    north, east = KOPING_SWEREF
    first, second = (north, east) if headers[0] != "y" else (east, north)
    table = _table(
        f"Nr;Datum;Kategori;{headers[0]};{headers[1]}\n"
        f"1;2018-03-01;Glaskross;{first:.0f};{second:.0f}\n"
        f"2;2018-03-02;Klotter;{first + 1000:.0f};{second:.0f}\n"
    )
    mapping = bulk_import.guess_mapping(table.headers)
    assert mapping["latitude"] is not None
    assert mapping["longitude"] is not None
    # when it is imported
    result = bulk_import.incidents_import(actor=None, council=council, table=table, mapping=mapping)
    # then the points are in Köping, in latitude and longitude
    assert result.created == 2
    incident = Incident.objects.get(category=categories["broken_glass"])
    assert incident.latitude == pytest.approx(KOPING_WGS84[0], abs=0.001)
    assert incident.longitude == pytest.approx(KOPING_WGS84[1], abs=0.001)
    assert incident.h3_cell


@pytest.mark.django_db
def test_a_sweref_point_outside_sweden_is_a_row_error(council, categories):
    table = _table(
        "Nr;Datum;Kategori;N (SWEREF 99 TM);E (SWEREF 99 TM)\n"
        "1;2018-03-01;Glaskross;6597465;556290\n"
        "2;2018-03-01;Glaskross;5400000;556190\n"
        "3;2018-03-01;Glaskross;59.51;15.99\n"
    )
    checked = bulk_import.incidents_import_check(
        council=council, table=table, mapping=bulk_import.guess_mapping(table.headers)
    )
    problems = {p.row: p.message for p in checked.problems}
    assert set(problems) == {3, 4}
    assert "SWEREF 99 TM" in problems[3]
    assert "SWEREF 99 TM" in problems[4]  # degrees under a SWEREF header are no point
