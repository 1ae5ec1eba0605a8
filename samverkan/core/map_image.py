"""A map as a picture for documents (PDF and Word), drawn on the server with Pillow from the
same base map the pages show: the tiles of MAP_TILES_FILE when it is set, else the council's
areas and places drawn as the base, as the pages do. Over it the map cells (shaded by count and
numbered, the number leading to the report's table) and a metric scale bar.

Takes plain data (core imports no app): places as (name, GeoJSON geometry) and cells as
`MapCell`.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import h3  # type: ignore[import-untyped]
from PIL import Image, ImageDraw, ImageFont

from samverkan.core.tiles import tile_archive

WIDTH: Final = 1200
HEIGHT: Final = 800
TILE: Final = 256
_EARTH: Final = 6_378_137.0
_MAX_TILES: Final = 64  # a picture of 1200 × 800 needs at most 6 × 5 tiles at one zoom


@dataclass(frozen=True)
class MapCell:
    cell: str  # an H3 cell: drawn, never printed
    count: int
    number: int  # its row in the report's table


@dataclass(frozen=True)
class MapMarker:
    """A numbered point, such as a safety walk's finding; the number leads to the report's table."""

    number: int
    latitude: float
    longitude: float


def _world(latitude: float, longitude: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixels at a zoom (the tiles' own grid)."""
    scale = TILE * 2**zoom
    x = (longitude + 180) / 360 * scale
    sin = math.sin(math.radians(max(-85.0, min(85.0, latitude))))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * scale
    return x, y


def _points(geometry: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """A geometry's rings or points as lists of (latitude, longitude)."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Point":
        return [[(coordinates[1], coordinates[0])]]
    if kind == "Polygon":
        return [[(lat, lon) for lon, lat, *_ in ring] for ring in coordinates[:1]]
    if kind == "MultiPolygon":
        return [[(lat, lon) for lon, lat, *_ in polygon[0]] for polygon in coordinates]
    return []


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _scale_metres(metres_per_pixel: float, most_pixels: int) -> int:
    """The longest round length (1, 2 or 5 × 10^n metres) that fits in `most_pixels`."""
    best = 1
    for exponent in range(0, 7):
        for lead in (1, 2, 5):
            length = lead * 10**exponent
            if length / metres_per_pixel <= most_pixels:
                best = length
    return best


def map_png(
    places: Sequence[tuple[str, dict[str, Any]]],
    cells: Sequence[MapCell],
    *,
    route: Sequence[tuple[float, float]] = (),
    markers: Sequence[MapMarker] = (),
    width: int = WIDTH,
    height: int = HEIGHT,
) -> bytes:
    """The map as a PNG; empty of cells and places, a picture saying so is not drawn: the
    caller leaves the map out. A route is a line of (latitude, longitude); the picture frames
    the cells, the route and the markers when there are any, else the places."""
    cell_rings = [[(lat, lon) for lat, lon in h3.cell_to_boundary(c.cell)] for c in cells]
    place_shapes = [(name, _points(geometry)) for name, geometry in places]
    everything = [p for ring in cell_rings for p in ring]
    everything += [*route, *((m.latitude, m.longitude) for m in markers)]
    if not everything:
        everything = [p for _name, shapes in place_shapes for ring in shapes for p in ring]
    latitudes = [p[0] for p in everything] or [59.5]
    longitudes = [p[1] for p in everything] or [16.0]
    # The zoom at which the cells (or the places) fill the picture with a margin.
    zoom = 16.0
    while zoom > 3:
        x0, y0 = _world(max(latitudes), min(longitudes), zoom)
        x1, y1 = _world(min(latitudes), max(longitudes), zoom)
        if x1 - x0 <= width * 0.8 and y1 - y0 <= height * 0.8:
            break
        zoom -= 1
    archive = tile_archive()
    if archive is not None:
        zoom = float(max(archive.min_zoom, min(archive.max_zoom, int(zoom))))
    cx, cy = _world(
        (max(latitudes) + min(latitudes)) / 2, (max(longitudes) + min(longitudes)) / 2, zoom
    )
    left, top = cx - width / 2, cy - height / 2

    def xy(latitude: float, longitude: float) -> tuple[float, float]:
        x, y = _world(latitude, longitude, zoom)
        return x - left, y - top

    image = Image.new("RGB", (width, height), (244, 243, 238))
    if archive is not None:
        _draw_tiles(image, archive, int(zoom), left, top)
    draw = ImageDraw.Draw(image, "RGBA")
    label = _font(18)
    small = _font(16)
    # The council's areas and places: the base when there are no tiles, named either way (the
    # names drawn last, over the cells, on a light ground).
    names: list[tuple[tuple[float, float], str, str]] = []
    for name, shapes in place_shapes:
        for ring in shapes:
            if len(ring) == 1:
                x, y = xy(*ring[0])
                draw.ellipse((x - 5, y - 5, x + 5, y + 5), fill=(40, 40, 40))
                names.append(((x + 8, y), name, "lm"))
            else:
                outline = [xy(*p) for p in ring]
                draw.polygon(outline, fill=(210, 214, 205, 110), outline=(110, 110, 110))
                mx = sum(p[0] for p in outline) / len(outline)
                my = sum(p[1] for p in outline) / len(outline)
                names.append(((mx, my), name, "mm"))
    most = max((c.count for c in cells), default=1) or 1
    for cell, ring in zip(cells, cell_rings, strict=True):
        shade = 70 + int(150 * cell.count / most)
        outline = [xy(*p) for p in ring]
        draw.polygon(outline, fill=(192, 57, 43, shade), outline=(120, 30, 20))
        mx = sum(p[0] for p in outline) / len(outline)
        my = sum(p[1] for p in outline) / len(outline)
        draw.ellipse((mx - 14, my - 14, mx + 14, my + 14), fill=(255, 255, 255), outline=(0, 0, 0))
        draw.text((mx, my), str(cell.number), fill=(0, 0, 0), font=label, anchor="mm")
    if len(route) > 1:
        draw.line([xy(*p) for p in route], fill=(0, 90, 156), width=5, joint="curve")
    for marker in markers:
        x, y = xy(marker.latitude, marker.longitude)
        draw.ellipse((x - 15, y - 15, x + 15, y + 15), fill=(176, 0, 32), outline=(255, 255, 255))
        draw.text((x, y), str(marker.number), fill=(255, 255, 255), font=label, anchor="mm")
    for (x, y), name, anchor in names:
        box = draw.textbbox((x, y), name, font=small, anchor=anchor)
        draw.rectangle((box[0] - 3, box[1] - 2, box[2] + 3, box[3] + 2), fill=(255, 255, 255, 190))
        draw.text((x, y), name, fill=(20, 20, 20), font=small, anchor=anchor)
    _draw_scale(draw, zoom, (max(latitudes) + min(latitudes)) / 2, height, label)
    if archive is not None and archive.attribution:
        draw.text(
            (width - 8, height - 8),
            archive.attribution[:120],
            fill=(0, 0, 0),
            font=small,
            anchor="rd",
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _draw_tiles(image: Image.Image, archive: Any, zoom: int, left: float, top: float) -> None:
    first_x, first_y = int(left // TILE), int(top // TILE)
    last_x = int((left + image.width) // TILE)
    last_y = int((top + image.height) // TILE)
    count = 0
    for ty in range(first_y, last_y + 1):
        for tx in range(first_x, last_x + 1):
            count += 1
            if count > _MAX_TILES or not (0 <= ty < 2**zoom):
                continue
            data = archive.tile(zoom, tx % 2**zoom, ty)
            if not data:
                continue
            try:
                with Image.open(io.BytesIO(data)) as tile:
                    image.paste(tile.convert("RGB"), (int(tx * TILE - left), int(ty * TILE - top)))
            except (OSError, ValueError):
                continue  # a damaged tile leaves its square plain


def _draw_scale(
    draw: ImageDraw.ImageDraw, zoom: float, latitude: float, height: int, font: Any
) -> None:
    metres_per_pixel = math.cos(math.radians(latitude)) * 2 * math.pi * _EARTH / (TILE * 2**zoom)
    metres = _scale_metres(metres_per_pixel, 240)
    pixels = metres / metres_per_pixel
    x, y = 20, height - 24
    draw.rectangle((x - 6, y - 30, x + pixels + 70, y + 10), fill=(255, 255, 255, 210))
    draw.line((x, y, x + pixels, y), fill=(0, 0, 0), width=4)
    draw.line((x, y - 8, x, y), fill=(0, 0, 0), width=2)
    draw.line((x + pixels, y - 8, x + pixels, y), fill=(0, 0, 0), width=2)
    text = f"{metres // 1000} km" if metres >= 1000 else f"{metres} m"
    draw.text((x + pixels + 8, y), text, fill=(0, 0, 0), font=font, anchor="ls")


def map_html(png: bytes, alt: str) -> str:
    """The map as an image for the PDF's HTML (a Figure's picture), its text alternative `alt`."""
    import base64

    from django.utils.html import format_html

    return format_html(
        '<img class="map" src="data:image/png;base64,{}" alt="{}">',
        base64.b64encode(png).decode("ascii"),
        alt,
    )
