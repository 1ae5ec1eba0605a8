"""The base map: tiles served from a local MBTiles or PMTiles archive, a tile service allowed by
the Content Security Policy, or none; the credit line and the privacy page follow."""

from __future__ import annotations

import io
import random
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import write

from samverkan.core import tiles
from samverkan.settings import map_tile_origins

CREDIT = "© Köpings kommun, stadsbyggnad"


def png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(out, format="PNG")
    return out.getvalue()


def make_mbtiles(path: Path, found: dict[tuple[int, int, int], bytes], **metadata: str) -> Path:
    """An MBTiles file as QGIS writes one: rows counted from the south (TMS)."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE metadata (name text, value text)")
    connection.execute(
        "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, "
        "tile_data blob)"
    )
    meta = {"name": "Köping", "format": "png", "minzoom": "0", "maxzoom": "3", **metadata}
    connection.executemany("INSERT INTO metadata VALUES (?, ?)", list(meta.items()))
    connection.executemany(
        "INSERT INTO tiles VALUES (?, ?, ?, ?)",
        [(z, x, (1 << z) - 1 - y, data) for (z, x, y), data in found.items()],
    )
    connection.commit()
    connection.close()
    return path


def make_pmtiles(path: Path, found: dict[tuple[int, int, int], bytes], credit: str) -> Path:
    """A PMTiles file written by the protomaps library (not by the platform's reader)."""
    with write(str(path)) as writer:
        for (z, x, y), data in sorted(found.items(), key=lambda item: zxy_to_tileid(*item[0])):
            writer.write_tile(zxy_to_tileid(z, x, y), data)
        writer.finalize(
            {
                "tile_type": TileType.PNG,
                "tile_compression": Compression.NONE,
                "min_lon_e7": 155000000,
                "min_lat_e7": 592000000,
                "max_lon_e7": 163000000,
                "max_lat_e7": 596000000,
                "center_zoom": 10,
                "center_lon_e7": 160000000,
                "center_lat_e7": 594000000,
            },
            {"attribution": credit},
        )
    return path


@pytest.fixture(autouse=True)
def _fresh_archives():
    tiles._open.cache_clear()
    yield
    tiles._open.cache_clear()


RED, BLUE = png((200, 30, 30)), png((30, 30, 200))


@pytest.fixture
def mbtiles_file(tmp_path, settings):
    path = make_mbtiles(tmp_path / "koping.mbtiles", {(1, 0, 0): RED, (1, 1, 0): BLUE})
    settings.MAP_TILES_FILE = str(path)
    settings.MAP_TILES_ATTRIBUTION = ""
    return path


def test_a_tile_of_the_mbtiles_archive_is_served_to_anyone_with_caching(mbtiles_file):
    # when: an anonymous visitor's map asks for the north-west tile at zoom 1
    response = Client().get("/tiles/1/0/0.png")

    # then: the tile stored in the south-counted row 1, as a PNG a browser keeps for a day
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content == RED
    assert "max-age=86400" in response["Cache-Control"]
    assert Client().get("/tiles/1/1/0.png").content == BLUE


@pytest.mark.parametrize(
    "path",
    [
        "/tiles/1/0/1.png",  # not in the archive
        "/tiles/1/0/0.jpg",  # another format than the archive's
        "/tiles/1/2/0.png",  # a column outside the world at zoom 1
        "/tiles/9/0/0.png",  # deeper than the archive goes
    ],
)
def test_a_tile_the_archive_does_not_have_is_not_found(mbtiles_file, path):
    assert Client().get(path).status_code == 404


def test_without_an_archive_there_are_no_tiles(settings):
    settings.MAP_TILES_FILE = ""
    assert Client().get("/tiles/0/0/0.png").status_code == 404


def test_the_pages_draw_the_archive_with_its_own_credit(mbtiles_file, settings):
    # given: an archive whose metadata names its maker
    make_mbtiles(mbtiles_file.with_name("credited.mbtiles"), {(0, 0, 0): RED}, attribution=CREDIT)
    settings.MAP_TILES_FILE = str(mbtiles_file.with_name("credited.mbtiles"))

    # when
    base = tiles.base_map()

    # then: the platform's own URL and the archive's credit, never OpenStreetMap by default
    assert (base.url, base.attribution, base.source) == ("/tiles/{z}/{x}/{y}.png", CREDIT, "file")
    settings.MAP_TILES_ATTRIBUTION = "Lantmäteriet"
    assert tiles.base_map().attribution == "Lantmäteriet"


def test_a_tile_service_is_drawn_with_the_credit_the_operator_sets(settings):
    settings.MAP_TILES_FILE = ""
    settings.MAP_TILES_URL = "https://kartor.example.se/topo/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "© Lantmäteriet"

    base = tiles.base_map()

    assert (base.url, base.attribution, base.source) == (
        "https://kartor.example.se/topo/{z}/{x}/{y}.png",
        "© Lantmäteriet",
        "service",
    )


def test_the_content_security_policy_lets_the_tile_service_in_and_nothing_else():
    assert map_tile_origins("", "https://kartor.example.se:8443/topo/{z}/{x}/{y}.png") == [
        "https://kartor.example.se:8443"
    ]
    # The platform's own archive wins: nothing outside is needed.
    assert map_tile_origins("/srv/karta.mbtiles", "https://kartor.example.se/{z}/{x}/{y}") == []
    assert map_tile_origins("", "") == []
    assert map_tile_origins("", "javascript:alert(1)") == []


def test_the_citizen_form_carries_the_base_map_and_the_privacy_page_names_a_service(
    settings, client, council
):
    # given: a tile service
    settings.MAP_TILES_FILE = ""
    settings.MAP_TILES_URL = "https://kartor.example.se/topo/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "© Lantmäteriet"

    # when
    council.publishes = True
    council.save()
    form = client.get(reverse("incidents:citizen_report", args=[council.slug])).content.decode()
    privacy = client.get("/integritet/").content.decode()

    # then
    assert 'data-tiles-url="https://kartor.example.se/topo/{z}/{x}/{y}.png"' in form
    assert 'data-tiles-attribution="© Lantmäteriet"' in form
    assert "https://kartor.example.se" in privacy
    assert "ser din IP-adress" in privacy


def test_the_privacy_page_promises_no_third_party_without_a_service(settings, client):
    settings.MAP_TILES_FILE = ""
    settings.MAP_TILES_URL = ""
    privacy = client.get("/integritet/").content.decode()
    assert "karttjänst" not in privacy
    assert "tredjepartstjänst" in privacy


@given(
    st.integers(min_value=0, max_value=18).flatmap(
        lambda z: st.tuples(
            st.just(z),
            st.integers(min_value=0, max_value=(1 << z) - 1),
            st.integers(min_value=0, max_value=(1 << z) - 1),
        )
    )
)
def test_the_tile_id_is_the_one_the_pmtiles_format_gives(zxy):
    assert tiles.tile_id(*zxy) == zxy_to_tileid(*zxy)


def test_a_pmtiles_archive_with_leaf_directories_serves_every_tile(tmp_path, settings):
    # given: about half the tiles of zooms 0 to 8, of uneven sizes (too many for the root
    # directory alone), each its own, and a run of identical tiles at zoom 9 (stored once,
    # addressed as a run)
    chance = random.Random(7)
    found = {
        (z, x, y): f"tile {z}/{x}/{y}".encode() + b"~" * chance.randrange(300)
        for z in range(9)
        for x in range(1 << z)
        for y in range(1 << z)
        if z < 2 or chance.random() < 0.5
    }
    found.update({(0, 0, 0): b"world", (6, 63, 63): b"north-east", (8, 17, 140): b"Kping"})
    found.update({(9, x, 0): b"sea" for x in range(0, 512)})
    path = make_pmtiles(tmp_path / "koping.pmtiles", found, CREDIT)
    settings.MAP_TILES_FILE = str(path)
    archive = tiles.tile_archive()
    assert isinstance(archive, tiles.PMTiles)
    assert len(archive._root) < 1000  # the root points into leaf directories

    # then: each tile reads back as written; a tile not written is none
    for zxy in [
        (0, 0, 0),
        (3, 5, 2),
        (6, 63, 63),
        (8, 255, 0),
        (8, 17, 140),
        (9, 0, 0),
        (9, 511, 0),
    ]:
        assert archive.tile(*zxy) == found[zxy]
    assert archive.tile(9, 5, 5) is None
    assert (archive.extension, archive.attribution) == ("png", CREDIT)
    assert Client().get("/tiles/8/17/140.png").content == b"Kping"


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"not a map at all", "neither an MBTiles nor a PMTiles"),
        (b"PMTiles\x02" + bytes(119), "version 2"),
    ],
)
def test_an_archive_that_cannot_be_served_stops_the_start_with_the_reason(
    tmp_path, settings, content, why
):
    path = tmp_path / "karta.bin"
    path.write_bytes(content)
    settings.MAP_TILES_FILE = str(path)

    with pytest.raises(SystemCheckError, match=why):
        call_command("check")


def test_a_vector_archive_is_refused_with_the_reason(tmp_path, settings):
    path = make_mbtiles(tmp_path / "vector.mbtiles", {(0, 0, 0): b"\x1a\x00"}, format="pbf")
    settings.MAP_TILES_FILE = str(path)

    with pytest.raises(SystemCheckError, match="only raster tiles"):
        call_command("check")


def test_the_coordinator_is_told_when_the_maps_have_no_base_map(settings, client, users, council):
    # given: no base map at all
    settings.MAP_TILES_FILE = ""
    settings.MAP_TILES_URL = ""
    client.force_login(users["coordinator"])
    url = reverse("insights:dashboard_map", args=[council.slug])

    # then: the staff map page says so and how to add one
    assert "ingen bakgrundskarta" in client.get(url).content.decode()

    # and with the municipality's archive it says nothing of it
    settings.MAP_TILES_URL = "https://kartor.example.se/{z}/{x}/{y}.png"
    assert "ingen bakgrundskarta" not in client.get(url).content.decode()
