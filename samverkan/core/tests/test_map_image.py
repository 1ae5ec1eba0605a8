"""The map picture of documents draws the same base map as the pages: the tiles of
MAP_TILES_FILE when it is set (with the archive's credit), else the places given."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from samverkan.core import tiles
from samverkan.core.map_image import MapCell, MapMarker, map_png
from samverkan.core.tests.test_tiles import make_mbtiles, png

GREEN = (40, 160, 60)
CELL = MapCell("8908b12ae6bffff", 2, 1)  # in Köping


@pytest.fixture(autouse=True)
def _fresh_archives():
    tiles._open.cache_clear()
    yield
    tiles._open.cache_clear()


def _colours(data: bytes) -> set[object]:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return {colour for _count, colour in image.getcolors(2_000_000) or []}


def test_the_map_is_drawn_on_the_tiles_of_the_archive(tmp_path, settings):
    every_tile = {(3, x, y): png(GREEN) for x in range(8) for y in range(8)}
    path = make_mbtiles(tmp_path / "bas.mbtiles", every_tile, attribution="Köpings kommun")
    settings.MAP_TILES_FILE = str(path)
    colours = _colours(map_png([], [CELL]))
    assert GREEN in colours  # the base map's tiles
    assert (244, 243, 238) not in colours  # not the plain ground of a map without tiles


def test_without_an_archive_the_ground_is_plain_and_the_cell_drawn(settings):
    settings.MAP_TILES_FILE = ""
    colours = _colours(map_png([], [CELL]))
    assert (244, 243, 238) in colours
    assert GREEN not in colours


def test_a_route_and_numbered_markers_are_drawn_and_framed(settings):
    # A safety walk's route and findings (dialogue's walk report draws them on this map).
    settings.MAP_TILES_FILE = ""
    route = [(59.5105, 15.9920), (59.5120, 15.9960), (59.5140, 15.9990)]
    marker = MapMarker(1, 59.5120, 15.9960)
    colours = _colours(map_png([], [], route=route, markers=[marker]))
    assert (0, 90, 156) in colours  # the route's line
    assert (176, 0, 32) in colours  # the marker
    # Without them, nothing of either.
    plain = _colours(map_png([("Torget", {"type": "Point", "coordinates": [15.99, 59.51]})], []))
    assert (0, 90, 156) not in plain
    assert (176, 0, 32) not in plain
