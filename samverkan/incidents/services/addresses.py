"""The council's address register: imported whole from a table (CSV or XLSX) or a GeoJSON file
of points, replacing the one before, all or nothing (docs/formats/addresses.md)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_change
from samverkan.core.errors import ServiceError
from samverkan.core.importing.limits import MAX_TABLE_BYTES, MAX_TABLE_ROWS
from samverkan.core.importing.tables import guess_mapping, parse_number, read_table
from samverkan.incidents import geo
from samverkan.incidents.models import Address
from samverkan.organisations.models import Council

# Headers of the municipality's own registers and of Lantmäteriet's open address data.
COLUMNS: dict[str, tuple[str, ...]] = {
    "street": (
        "gatuadress",
        "gata",
        "gatunamn",
        "adressområde",
        "adressomrade",
        "adress",
        "address",
        "street",
        "beladress",
    ),
    "number": ("nummer", "nr", "husnummer", "adressplatsnummer", "gatunummer", "number"),
    "postcode": ("postnummer", "postnr", "postcode", "zip"),
    "locality": ("postort", "ort", "kommundel", "tätort", "locality", "city", "town"),
    "latitude": ("lat", "latitud", "breddgrad", "latitude", "y_wgs84"),
    "longitude": ("lon", "lng", "long", "longitud", "längdgrad", "longitude", "x_wgs84"),
}
# The point's columns when they are named by the grid rather than as degrees: "N", "Northing",
# "Nordkoordinat", "Y", "N (SWEREF 99 TM)" for the one, "E", "Easting", "Östkoordinat", "X" for
# the other (x/y as GIS names them; geo.point_of sorts a SWEREF pair by its values anyway).
_NORTH = re.compile(r"^(n|y|northing|north|nord\w*)(\b|_|$)")
_EAST = re.compile(r"^(e|x|easting|east|öst\w*|ost\w*)(\b|_|$)")
# How many faulty rows the refusal names.
ERRORS_SHOWN = 5
_NUMBER = re.compile(r"\d{1,5}[A-Za-z]?(?:-\d{1,5})?")
_LETTER = re.compile(r"[A-Za-z]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class AddressRow:
    street: str
    number: str
    postcode: str
    locality: str
    latitude: float
    longitude: float


def search_key(street: str, number: str) -> str:
    """What a typed search is compared with: "storgatan 12"."""
    return _SPACES.sub(" ", f"{street} {number}".strip()).lower()[:240]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub(" ", str(value)).strip()


def _point_columns(headers: list[str], mapping: dict[str, int | None]) -> bool:
    """Find the point's columns by the grid's names where no degree column is named; answers
    whether the columns say SWEREF 99 TM."""
    names = [header.strip().lower() for header in headers]
    for field, pattern in (("latitude", _NORTH), ("longitude", _EAST)):
        if mapping[field] is None:
            taken = {index for index in mapping.values() if index is not None}
            for index, name in enumerate(names):
                if index not in taken and pattern.match(name):
                    mapping[field] = index
                    break
    return any(
        mapping[field] is not None and geo.sweref_header(headers[mapping[field] or 0])
        for field in ("latitude", "longitude")
    )


def _split_number(address: str) -> tuple[str, str]:
    """A whole address ("Storgatan 12 B") in one column: the street, and the number as its
    last word (with a letter written apart)."""
    words = address.split()
    if len(words) >= 3 and _LETTER.fullmatch(words[-1]) and _NUMBER.fullmatch(words[-2]):
        words[-2:] = [words[-2] + words[-1]]
    if len(words) >= 2 and _NUMBER.fullmatch(words[-1]):
        return " ".join(words[:-1]), words[-1]
    return address, ""


def _row(
    values: dict[str, Any], line: int, errors: list[str], *, sweref: bool = False
) -> AddressRow | None:
    street, number = _text(values.get("street")), _text(values.get("number"))
    if street and not number:
        street, number = _split_number(street)
    if not street:
        errors.append(_("Row %(line)d: the street is missing.") % {"line": line})
        return None
    try:
        latitude = parse_number(values.get("latitude"))
        longitude = parse_number(values.get("longitude"))
    except ValueError:
        latitude = longitude = None
    if latitude is None or longitude is None:
        errors.append(
            _("Row %(line)d: the latitude and longitude must be numbers.") % {"line": line}
        )
        return None
    try:
        # WGS 84 degrees, or SWEREF 99 TM metres (by the header, or by values beyond degrees).
        latitude, longitude = geo.point_of(latitude, longitude, sweref=sweref)
    except geo.PointError:
        errors.append(
            _(
                "Row %(line)d: the point %(latitude)s, %(longitude)s is not in Sweden (give "
                "latitude and longitude in WGS 84, decimal degrees, or N and E in SWEREF 99 TM)."
            )
            % {"line": line, "latitude": latitude, "longitude": longitude}
        )
        return None
    return AddressRow(
        street=street[:200],
        number=number[:20],
        postcode=_text(values.get("postcode")).replace(" ", "")[:10],
        locality=_text(values.get("locality"))[:100],
        latitude=round(latitude, 7),
        longitude=round(longitude, 7),
    )


def _from_table(filename: str, data: bytes, errors: list[str]) -> list[AddressRow]:
    table = read_table(filename, data)
    mapping = guess_mapping(table.headers, COLUMNS)
    sweref = _point_columns(table.headers, mapping)
    missing = [name for name in ("street", "latitude", "longitude") if mapping[name] is None]
    if missing:
        raise ServiceError(
            _(
                "The file needs columns for the street (or address), latitude and longitude; "
                "its columns are: %(headers)s."
            )
            % {"headers": ", ".join(header for header in table.headers if header) or "–"},
            field="file",
        )
    rows: list[AddressRow] = []
    for line, cells in enumerate(table.rows, start=2):
        if not any(cell not in (None, "") for cell in cells):
            continue
        values = {
            name: cells[index] if index is not None and index < len(cells) else None
            for name, index in mapping.items()
        }
        row = _row(values, line, errors, sweref=sweref)
        if row is not None:
            rows.append(row)
    return rows


def _from_geojson(data: bytes, errors: list[str]) -> list[AddressRow]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise ServiceError(_("The file is not GeoJSON that can be read."), field="file") from None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise ServiceError(
            _("The GeoJSON file holds no FeatureCollection of addresses."), field="file"
        )
    if len(features) > MAX_TABLE_ROWS:
        raise ServiceError(
            _("The file has more than %(count)d rows; split it.") % {"count": MAX_TABLE_ROWS},
            field="file",
        )
    rows: list[AddressRow] = []
    for line, feature in enumerate(features, start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        properties = feature.get("properties") if isinstance(feature, dict) else None
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if (
            not isinstance(geometry, dict)
            or geometry.get("type") != "Point"
            or not isinstance(coordinates, list)
            or len(coordinates) < 2
        ):
            errors.append(_("Feature %(line)d: an address must be a point.") % {"line": line})
            continue
        names = {str(key).strip().lower(): value for key, value in (properties or {}).items()}
        values: dict[str, Any] = {"longitude": coordinates[0], "latitude": coordinates[1]}
        for name in ("street", "number", "postcode", "locality"):
            for synonym in (name, *COLUMNS[name]):
                if synonym in names:
                    values[name] = names[synonym]
                    break
        row = _row(values, line, errors)
        if row is not None:
            rows.append(row)
    return rows


def address_register_import(*, actor: Actor, council: Council, filename: str, data: bytes) -> int:
    """Replace the council's address register with the file's addresses; answers how many.
    Nothing changes when a row is faulty: the refusal names the first rows and why."""
    if not data.strip():
        raise ServiceError(_("The file is empty."), field="file")
    if len(data) > MAX_TABLE_BYTES:
        raise ServiceError(_("The file is too large."), field="file")
    errors: list[str] = []
    is_geojson = filename.lower().endswith((".geojson", ".json")) or data.lstrip()[:1] == b"{"
    rows = _from_geojson(data, errors) if is_geojson else _from_table(filename, data, errors)
    if errors:
        shown = " ".join(errors[:ERRORS_SHOWN])
        more = len(errors) - ERRORS_SHOWN
        if more > 0:
            shown += " " + _("And %(count)d more rows.") % {"count": more}
        raise ServiceError(_("Nothing was imported. %(errors)s") % {"errors": shown}, field="file")
    if not rows:
        raise ServiceError(_("The file holds no addresses."), field="file")
    with transaction.atomic():
        before = Address.objects.filter(council=council).count()
        Address.objects.filter(council=council).delete()
        Address.objects.bulk_create(
            [
                Address(
                    council=council,
                    street=row.street,
                    number=row.number,
                    postcode=row.postcode,
                    locality=row.locality,
                    latitude=row.latitude,
                    longitude=row.longitude,
                    search_key=search_key(row.street, row.number),
                )
                for row in rows
            ],
            batch_size=2000,
        )
        audit_change(
            actor=actor,
            instance=council,
            changes={"address_register": [before, len(rows)], "address_file": [None, filename]},
            council_id=council.pk,
        )
    return len(rows)
