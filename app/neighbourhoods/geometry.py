"""Which boundary holds a point: ray casting on GeoJSON polygons, pure Python, no geo library.

Coordinates are GeoJSON's (lon, lat) in WGS84. A neighbourhood is a few hundred metres across,
so treating degrees as a flat plane is exact enough (the error is far below a house's width).
A point on an edge counts as inside: a resident on the border road belongs somewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Ring = Sequence[Sequence[float]]


def _on_segment(x: float, y: float, a: Sequence[float], b: Sequence[float]) -> bool:
    (x1, y1), (x2, y2) = (a[0], a[1]), (b[0], b[1])
    cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1)
    if abs(cross) > 1e-12:
        return False
    return min(x1, x2) - 1e-12 <= x <= max(x1, x2) + 1e-12 and (
        min(y1, y2) - 1e-12 <= y <= max(y1, y2) + 1e-12
    )


def ring_contains(ring: Ring, x: float, y: float) -> bool:
    """Tell whether the closed ring holds (x, y), its edge included (ray casting)."""
    inside = False
    count = len(ring)
    for i in range(count):
        a, b = ring[i], ring[(i + 1) % count]
        if _on_segment(x, y, a, b):
            return True
        (x1, y1), (x2, y2) = (a[0], a[1]), (b[0], b[1])
        # A horizontal ray to the right crosses this edge (half-open rule: each vertex once).
        if (y1 > y) != (y2 > y):
            at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < at:
                inside = not inside
    return inside


def polygon_contains(rings: Sequence[Ring], x: float, y: float) -> bool:
    """Tell whether a GeoJSON polygon (outer ring, then holes) holds (x, y)."""
    if not rings or not ring_contains(rings[0], x, y):
        return False
    for hole in rings[1:]:
        # A point on a hole's edge is still on the polygon's boundary, so inside.
        if ring_contains(hole, x, y) and not any(
            _on_segment(x, y, hole[i], hole[(i + 1) % len(hole)]) for i in range(len(hole))
        ):
            return False
    return True


def contains(geometry: dict[str, Any] | None, lat: float, lon: float) -> bool:
    """Tell whether a GeoJSON Polygon or MultiPolygon holds the point (lat, lon)."""
    if not geometry:
        return False
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        return polygon_contains(coordinates, lon, lat)
    if kind == "MultiPolygon":
        return any(polygon_contains(polygon, lon, lat) for polygon in coordinates)
    return False
