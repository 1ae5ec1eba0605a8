"""The base map under every map: raster tiles from a local archive the platform serves itself
(`MAP_TILES_FILE`, an MBTiles or PMTiles file), or from a tile service the operator names
(`MAP_TILES_URL`), or none (the maps then draw the council's areas and places only).

Only raster archives are served (PNG, JPEG or WebP tiles): a vector archive needs a style and
a renderer in the browser that the platform does not ship. Both archive formats are read with
the standard library: MBTiles is an SQLite file (its rows counted from the south, so the row
is flipped), PMTiles version 3 a single file of directories addressed by a Hilbert curve
(https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md).
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import struct
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Tile formats a browser draws, by the name an archive gives them, with their content type.
RASTER_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
}
MAX_ZOOM = 22
# The largest directory or tile read from a PMTiles archive: a damaged file cannot make the
# server read gigabytes.
_PMTILES_MAX_READ = 16 * 1024 * 1024


class TileArchiveError(ImproperlyConfigured):
    """The archive named in MAP_TILES_FILE cannot be served; the message says why."""


@dataclass(frozen=True)
class BaseMap:
    """What a map page needs of the base map: the tile URL template ("" for none), its credit
    line, its zoom range, and where it comes from ("file", "service" or "none")."""

    url: str
    attribution: str
    min_zoom: int
    max_zoom: int
    source: str


class TileArchive:
    """A raster tile archive read on request. `tile(z, x, y)` answers the tile's bytes or None."""

    extension: str
    content_type: str
    attribution: str
    min_zoom: int
    max_zoom: int

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        raise NotImplementedError


class MBTiles(TileArchive):
    """An MBTiles file (https://github.com/mapbox/mbtiles-spec): an SQLite database with a
    `metadata` table of names and values and a `tiles` table whose rows count from the south
    (TMS), opened read-only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        try:
            metadata = dict(self._connection().execute("SELECT name, value FROM metadata"))
        except sqlite3.DatabaseError as error:
            raise TileArchiveError(f"{path} is not an MBTiles file: {error}") from error
        tile_format = str(metadata.get("format", "png")).lower()
        if tile_format not in RASTER_TYPES:
            raise TileArchiveError(
                f"{path} holds {tile_format} tiles; only raster tiles (png, jpg, webp) are served"
            )
        self.extension = "jpg" if tile_format == "jpeg" else tile_format
        self.content_type = RASTER_TYPES[tile_format]
        self.attribution = str(metadata.get("attribution", ""))
        self.min_zoom = _zoom(metadata.get("minzoom"), 0)
        self.max_zoom = _zoom(metadata.get("maxzoom"), MAX_ZOOM)

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
            self._local.connection = connection
        return connection

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        row = (
            self._connection()
            .execute(
                "SELECT tile_data FROM tiles"
                " WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                (z, x, (1 << z) - 1 - y),
            )
            .fetchone()
        )
        return bytes(row[0]) if row is not None else None


def _zoom(value: object, default: int) -> int:
    try:
        zoom = int(str(value))
    except (TypeError, ValueError):
        return default
    return max(0, min(MAX_ZOOM, zoom))


# PMTiles version 3: the header's fields, little-endian, after the 7-byte magic and version.
_PMTILES_HEADER = struct.Struct("<7sB11QB B B B B B iiii B ii".replace(" ", ""))
_PMTILES_TYPES = {2: "png", 3: "jpg", 4: "webp"}
_COMPRESSION_NONE, _COMPRESSION_GZIP = 1, 2


@dataclass(frozen=True)
class _Entry:
    tile_id: int
    offset: int
    length: int
    run_length: int


def tile_id(z: int, x: int, y: int) -> int:
    """The PMTiles tile id of a tile: the tiles of all lower zooms, then the tile's place on
    the zoom's Hilbert curve."""
    start = ((1 << (2 * z)) - 1) // 3
    n = 1 << z
    d = 0
    s = n >> 1
    while s > 0:
        rx = 1 if (x & s) > 0 else 0
        ry = 1 if (y & s) > 0 else 0
        d += s * s * ((3 * rx) ^ ry)
        if ry == 0:
            if rx == 1:
                x = n - 1 - x
                y = n - 1 - y
            x, y = y, x
        s >>= 1
    return start + d


def _varints(data: bytes) -> list[int]:
    values: list[int] = []
    value = shift = 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            if shift > 63:
                raise TileArchiveError("a PMTiles directory holds a number too long to read")
            continue
        values.append(value)
        value = shift = 0
    return values


def _directory(data: bytes) -> list[_Entry]:
    numbers = _varints(data)
    if not numbers:
        return []
    count = numbers[0]
    if len(numbers) < 1 + 4 * count:
        raise TileArchiveError("a PMTiles directory ends early")
    ids = numbers[1 : 1 + count]
    runs = numbers[1 + count : 1 + 2 * count]
    lengths = numbers[1 + 2 * count : 1 + 3 * count]
    offsets = numbers[1 + 3 * count : 1 + 4 * count]
    entries: list[_Entry] = []
    last_id = 0
    for i in range(count):
        last_id += ids[i]
        if offsets[i] == 0 and i > 0:
            offset = entries[-1].offset + entries[-1].length
        else:
            offset = offsets[i] - 1
        entries.append(_Entry(last_id, offset, lengths[i], runs[i]))
    return entries


def _find(entries: list[_Entry], wanted: int) -> _Entry | None:
    low, high = 0, len(entries) - 1
    while low <= high:
        middle = (low + high) // 2
        if entries[middle].tile_id < wanted:
            low = middle + 1
        elif entries[middle].tile_id > wanted:
            high = middle - 1
        else:
            return entries[middle]
    if high >= 0:
        entry = entries[high]
        if entry.run_length == 0 or wanted - entry.tile_id < entry.run_length:
            return entry
    return None


class PMTiles(TileArchive):
    """A PMTiles version 3 file, read with positioned reads of the one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with path.open("rb") as handle:
                header = handle.read(_PMTILES_HEADER.size)
        except OSError as error:
            raise TileArchiveError(f"{path} cannot be read: {error}") from error
        if len(header) < _PMTILES_HEADER.size or header[:7] != b"PMTiles":
            raise TileArchiveError(f"{path} is not a PMTiles file")
        fields = _PMTILES_HEADER.unpack(header)
        if fields[1] != 3:
            raise TileArchiveError(f"{path} is PMTiles version {fields[1]}; version 3 is read")
        (
            self._root_offset,
            self._root_length,
            metadata_offset,
            metadata_length,
            self._leaf_offset,
            _leaf_length,
            self._data_offset,
        ) = fields[2:9]
        self._internal_compression = fields[14]
        self._tile_compression = fields[15]
        tile_type = _PMTILES_TYPES.get(fields[16])
        if tile_type is None:
            raise TileArchiveError(
                f"{path} holds tiles of type {fields[16]}; only raster tiles "
                "(png, jpg, webp) are served"
            )
        if self._internal_compression not in (_COMPRESSION_NONE, _COMPRESSION_GZIP):
            raise TileArchiveError(f"{path}: its directories' compression cannot be read")
        if self._tile_compression not in (0, _COMPRESSION_NONE, _COMPRESSION_GZIP):
            raise TileArchiveError(f"{path}: its tiles' compression cannot be read")
        self.extension = tile_type
        self.content_type = RASTER_TYPES[tile_type]
        self.min_zoom = _zoom(fields[17], 0)
        self.max_zoom = _zoom(fields[18], MAX_ZOOM)
        self._root = _directory(self._internal(self._root_offset, self._root_length))
        try:
            metadata = json.loads(self._internal(metadata_offset, metadata_length) or b"{}")
        except ValueError:
            metadata = {}
        credit = metadata.get("attribution", "") if isinstance(metadata, dict) else ""
        self.attribution = str(credit)

    def _read(self, offset: int, length: int) -> bytes:
        if length > _PMTILES_MAX_READ:
            raise TileArchiveError(f"{self.path}: a part of {length} bytes is too large to read")
        with self.path.open("rb") as handle:
            handle.seek(offset)
            return handle.read(length)

    def _internal(self, offset: int, length: int) -> bytes:
        data = self._read(offset, length)
        if self._internal_compression == _COMPRESSION_GZIP and data:
            try:
                return gzip.decompress(data)
            except (OSError, EOFError) as error:
                raise TileArchiveError(f"{self.path}: a directory cannot be unpacked") from error
        return data

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        wanted = tile_id(z, x, y)
        entries = self._root
        # A directory points at a tile (run length > 0) or at a leaf directory (0); at most
        # three levels of leaves in practice, four read here.
        for _depth in range(4):
            entry = _find(entries, wanted)
            if entry is None:
                return None
            if entry.run_length > 0:
                data = self._read(self._data_offset + entry.offset, entry.length)
                if self._tile_compression == _COMPRESSION_GZIP:
                    data = gzip.decompress(data)
                return data
            entries = _directory(self._internal(self._leaf_offset + entry.offset, entry.length))
        return None


@lru_cache(maxsize=4)
def _open(path: str) -> TileArchive:
    file = Path(path)
    if not file.is_file():
        raise TileArchiveError(f"MAP_TILES_FILE names {path}, which is not a file")
    with file.open("rb") as handle:
        start = handle.read(16)
    if start.startswith(b"PMTiles"):
        return PMTiles(file)
    if start.startswith(b"SQLite format 3"):
        return MBTiles(file)
    raise TileArchiveError(f"{path} is neither an MBTiles nor a PMTiles file")


def tile_archive() -> TileArchive | None:
    """The archive MAP_TILES_FILE names, opened once per process, or None when none is set."""
    path = str(getattr(settings, "MAP_TILES_FILE", "") or "")
    return _open(path) if path else None


def base_map() -> BaseMap:
    """The base map every map draws: the platform's own archive first, then a tile service,
    else none. The attribution setting overrides the archive's own credit line."""
    credit = str(getattr(settings, "MAP_TILES_ATTRIBUTION", "") or "")
    archive = tile_archive()
    if archive is not None:
        return BaseMap(
            url=f"/tiles/{{z}}/{{x}}/{{y}}.{archive.extension}",
            attribution=credit or archive.attribution,
            min_zoom=archive.min_zoom,
            max_zoom=archive.max_zoom,
            source="file",
        )
    url = str(getattr(settings, "MAP_TILES_URL", "") or "")
    if url:
        return BaseMap(url=url, attribution=credit, min_zoom=0, max_zoom=19, source="service")
    return BaseMap(url="", attribution="", min_zoom=0, max_zoom=19, source="none")
