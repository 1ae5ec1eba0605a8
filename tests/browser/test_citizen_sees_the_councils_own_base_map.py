"""A citizen on a phone opens the public report form of a council whose operator put the
municipality's own base map on the server as an MBTiles file: the map draws its streets from
the platform's own /tiles/ (the Content Security Policy lets nothing else in), with the
municipality's credit line and a metric scale bar."""

from __future__ import annotations

import io
import math
import re
import sqlite3
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from samverkan.core import tiles
from samverkan.incidents.services.categories import categories_ensure_defaults, place_create

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True}
MAP = re.compile("^(Map for choosing the place|Karta för att välja platsen)$")
CREDIT = "© Köpings kommun, stadsbyggnad"
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[15.992, 59.513], [15.996, 59.513], [15.996, 59.515], [15.992, 59.515], [15.992, 59.513]]
    ],
}


def _tile_range(z: int) -> tuple[range, range]:
    """The tiles of zoom z around Köping (59.49–59.54 N, 15.94–16.05 E)."""

    def column(lon: float) -> int:
        return int((lon + 180) / 360 * (1 << z))

    def row(lat: float) -> int:
        rad = math.radians(lat)
        return int((1 - math.asinh(math.tan(rad)) / math.pi) / 2 * (1 << z))

    return range(column(15.94), column(16.05) + 1), range(row(59.54), row(59.49) + 1)


def make_base_map(path: Path) -> Path:
    """The municipality's base map as QGIS writes it: an MBTiles file of PNG tiles (one pale
    colour here), rows counted from the south."""
    out = io.BytesIO()
    Image.new("RGB", (256, 256), (222, 236, 214)).save(out, format="PNG")
    tile = out.getvalue()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE metadata (name text, value text)")
    connection.execute(
        "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, "
        "tile_data blob)"
    )
    connection.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [
            ("name", "Köping"),
            ("format", "png"),
            ("minzoom", "0"),
            ("maxzoom", "19"),
            ("attribution", CREDIT),
        ],
    )
    rows = []
    for z in range(20):
        columns, tile_rows = _tile_range(z)
        rows += [(z, x, (1 << z) - 1 - y, tile) for x in columns for y in tile_rows]
    connection.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", rows)
    connection.commit()
    connection.close()
    return path


@pytest.fixture
def base_map_file(tmp_path, settings):
    settings.MAP_TILES_FILE = str(make_base_map(tmp_path / "koping.mbtiles"))
    settings.MAP_TILES_URL = ""
    settings.MAP_TILES_ATTRIBUTION = ""
    tiles._open.cache_clear()
    yield
    tiles._open.cache_clear()


TILES_DRAWN = """() => {
    const drawn = [...document.querySelectorAll('#citizen-map img.leaflet-tile')]
        .filter(img => img.complete && img.naturalWidth === 256
                && new URL(img.src).pathname.startsWith('/tiles/'));
    return drawn.length >= 4;
}"""


def test_citizen_sees_the_councils_own_base_map(open_visitor, council, base_map_file):
    # given a council that publishes, with the square as a named place
    council.publishes = True
    council.save()
    categories_ensure_defaults(council=council)
    place_create(actor=None, council=council, name="Stora torget", kind="centre", geometry=SQUARE)

    # when a citizen on a phone opens the report form
    citizen = open_visitor(**PHONE)
    page = citizen.page
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    citizen.visit(f"/r/{council.slug}/rapportera/")

    # then the map draws the municipality's tiles from the platform itself
    map_ = page.get_by_role("region", name=MAP)
    expect(map_).to_be_visible()
    page.wait_for_function(TILES_DRAWN)
    sources = page.eval_on_selector_all(
        "#citizen-map img.leaflet-tile", "imgs => imgs.map(img => img.src)"
    )
    assert all(source.startswith(citizen.base_url + "/tiles/") for source in sources)
    # with the archive's own credit line and a scale bar in metres
    expect(page.locator("#citizen-map .leaflet-control-attribution")).to_contain_text(CREDIT)
    expect(page.locator("#citizen-map .leaflet-control-scale")).to_contain_text(
        re.compile(r"\d+ k?m")
    )
    assert blocked == []
