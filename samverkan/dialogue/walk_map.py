"""The map of a safety walk: the route and the numbered findings projected into the walk's
bounding box, drawn on the server as SVG for the walk's page; the report's PDF and DOCX draw it on
the base map (core/map_image.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from samverkan.dialogue.models import Finding, SafetyWalk

WIDTH, HEIGHT, MARGIN = 640, 420, 30


@dataclass(frozen=True)
class MapPoint:
    number: int
    x: float
    y: float

    @property
    def cx(self) -> str:
        return f"{self.x:.1f}"

    @property
    def cy(self) -> str:
        return f"{self.y:.1f}"


@dataclass(frozen=True)
class WalkMap:
    width: int
    height: int
    route: list[tuple[float, float]]
    points: list[MapPoint]

    @property
    def route_path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.route)

    @property
    def empty(self) -> bool:
        return not self.points and not self.route


def walk_map(walk: SafetyWalk, findings: list[Finding]) -> WalkMap:
    """Project with an equirectangular projection scaled by the cosine of the middle latitude:
    true enough over the few kilometres of a walk."""
    spots = [(f.latitude, f.longitude) for f in findings] + walk.route_points()
    if not spots:
        return WalkMap(WIDTH, HEIGHT, [], [])
    lats, lons = [p[0] for p in spots], [p[1] for p in spots]
    middle = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * middle, 1e-4)
    span_y = max(max(lats) - min(lats), 1e-4)
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
    # Centre the drawing in the box.
    off_x = (WIDTH - span_x * scale) / 2
    off_y = (HEIGHT - span_y * scale) / 2

    def project(lat: float, lon: float) -> tuple[float, float]:
        x = off_x + (lon - min(lons)) * middle * scale
        y = HEIGHT - off_y - (lat - min(lats)) * scale
        return x, y

    route = [project(lat, lon) for lat, lon in walk.route_points()]
    points = [MapPoint(f.number, *project(f.latitude, f.longitude)) for f in findings]
    return WalkMap(WIDTH, HEIGHT, route, points)
