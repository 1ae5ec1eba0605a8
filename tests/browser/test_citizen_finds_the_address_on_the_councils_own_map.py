"""A citizen on a phone opens the public report form of a council whose operator put the
municipality's own base map on the server as an MBTiles file and imported its address register:
the map draws its streets from the platform's own /tiles/ (the Content Security Policy lets
nothing else in), with the municipality's credit line and a metric scale bar; the citizen finds
"Storgatan 12" by typing, sees the point on the map, and sends the report with it."""

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
from samverkan.incidents.models import Category, Incident
from samverkan.incidents.services.addresses import address_register_import
from samverkan.incidents.services.categories import categories_ensure_defaults, place_create
from tests.browser.ui import exactly

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True}
MAP = re.compile("^(Map for choosing the place|Karta för att välja platsen)$")
SEND_REPORT = exactly("Send report", "Skicka rapporten")
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


def test_citizen_finds_the_address_on_the_councils_own_map(open_visitor, council, base_map_file):
    # given a council that publishes, with the square as a named place and its addresses
    council.publishes = True
    council.save()
    categories_ensure_defaults(council=council)
    place_create(actor=None, council=council, name="Stora torget", kind="centre", geometry=SQUARE)
    address_register_import(
        actor=None,
        council=council,
        filename="adresser.csv",
        data=(
            "Gatuadress;Nummer;Postort;Lat;Lon\n"
            "Storgatan;10;Köping;59,51390;15,99420\n"
            "Storgatan;12;Köping;59,51410;15,99480\n"
            "Östra Långgatan;3;Köping;59,51200;16,00100\n"
        ).encode(),
    )
    unsafe = Category.objects.get(council=council, code="unsafe_place")

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

    # when the citizen types the start of the address and chooses it from the matches
    finder = page.get_by_role(
        "combobox", name=re.compile("^(Address or place|Adress eller plats)$")
    )
    finder.fill("storgatan 1")
    expect(page.locator("#finder-options option")).to_have_count(2)
    finder.fill("Storgatan 12, Köping")

    # then the point and the address are filled in, and the map shows the point
    expect(citizen.field("latitude")).to_have_value("59.514100")
    expect(citizen.field("longitude")).to_have_value("15.994800")
    expect(citizen.field("address")).to_have_value("Storgatan 12, Köping")
    expect(page.locator('#citizen-map path[stroke="#b00020"]')).to_have_count(1)
    assert_fits(page)

    # and the report is sent with that point
    citizen.field("category").select_option(str(unsafe.pk))
    citizen.field("description").fill("Trasig belysning vid porten.")
    citizen.submit(SEND_REPORT)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Thank you|Tack", re.I))
    incident = Incident.objects.get()
    assert (float(incident.latitude), float(incident.longitude)) == (59.5141, 15.9948)
    assert incident.address == "Storgatan 12, Köping"


def assert_fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"{page.url} scrolls sideways: {width} px"
