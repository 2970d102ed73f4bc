"""Check an uploaded neighbourhood boundary: a GeoJSON polygon in WGS84, or a clear reason why not.

Accepted: a Polygon or MultiPolygon geometry, or a Feature or FeatureCollection holding exactly
one of them. Coordinates are (lon, lat) in WGS84 degrees: a ``crs`` member (old GeoJSON 2008)
may only name WGS84/CRS84. Each ring is closed (first point = last point) and has at least four
points. What is kept is the bare geometry, with coordinates as floats.
"""

from __future__ import annotations

import json
import math
from typing import Any

from flask_babel import lazy_gettext as _l

# The names of WGS84 with lon/lat order that a GeoJSON file may carry in its old "crs" member.
WGS84_NAMES = frozenset(
    {
        "urn:ogc:def:crs:ogc:1.3:crs84",
        "urn:ogc:def:crs:ogc::crs84",
        "urn:ogc:def:crs:epsg::4326",
        "urn:ogc:def:crs:epsg:4326",
        "epsg:4326",
        "crs84",
        "wgs84",
    }
)
MAX_BYTES = 2 * 1024 * 1024


class BoundaryError(ValueError):
    """An uploaded boundary that is not a usable polygon; ``str()`` is the translated reason."""


def _crs_is_wgs84(crs: Any) -> bool:
    if crs is None:
        return True
    if not isinstance(crs, dict):
        return False
    properties = crs.get("properties")
    name = properties.get("name") if isinstance(properties, dict) else None
    return isinstance(name, str) and name.strip().lower() in WGS84_NAMES


def _check_crs(document: dict[str, Any]) -> None:
    if "crs" in document and not _crs_is_wgs84(document["crs"]):
        raise BoundaryError(
            _l(
                "The file uses another coordinate system. Save it in WGS84 "
                "(EPSG:4326, longitude and latitude in degrees) and upload it again."
            )
        )


def _geometry_of(document: Any) -> dict[str, Any]:
    if not isinstance(document, dict) or not isinstance(document.get("type"), str):
        raise BoundaryError(_l('This is not GeoJSON: the file has no "type".'))
    _check_crs(document)
    kind = document["type"]
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list) or len(features) != 1:
            raise BoundaryError(
                _l("The file must hold exactly one area; this collection holds %(count)s.")
                % {"count": len(features) if isinstance(features, list) else 0}
            )
        return _geometry_of(features[0])
    if kind == "Feature":
        geometry = document.get("geometry")
        if not isinstance(geometry, dict):
            raise BoundaryError(_l("The feature in the file has no geometry."))
        return _geometry_of(geometry)
    if kind not in ("Polygon", "MultiPolygon"):
        raise BoundaryError(
            _l("The file holds a %(kind)s; a neighbourhood needs a Polygon or MultiPolygon.")
            % {"kind": kind[:40]}
        )
    return document


def _point(value: Any) -> list[float]:
    if (
        not isinstance(value, list)
        or len(value) < 2
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in value[:2])
    ):
        raise BoundaryError(_l("A point in the file is not a pair of numbers."))
    lon, lat = float(value[0]), float(value[1])
    if not (math.isfinite(lon) and math.isfinite(lat)) or not (
        -180 <= lon <= 180 and -90 <= lat <= 90
    ):
        raise BoundaryError(
            _l(
                "A point lies outside WGS84 (longitude -180 to 180, latitude -90 to 90): "
                "%(lon)s, %(lat)s. Is the file in another coordinate system, such as RD?"
            )
            % {"lon": value[0], "lat": value[1]}
        )
    return [lon, lat]


def _ring(value: Any) -> list[list[float]]:
    if not isinstance(value, list):
        raise BoundaryError(_l("A ring of the polygon is not a list of points."))
    points = [_point(p) for p in value]
    if len(points) < 4:
        raise BoundaryError(
            _l("A ring of the polygon has %(count)s points; it needs at least 4.")
            % {"count": len(points)}
        )
    if points[0] != points[-1]:
        raise BoundaryError(
            _l("A ring of the polygon is not closed: its last point must be its first.")
        )
    return points


def _polygon(value: Any) -> list[list[list[float]]]:
    if not isinstance(value, list) or not value:
        raise BoundaryError(_l("The polygon has no coordinates."))
    return [_ring(r) for r in value]


def parse_boundary(raw: bytes | str) -> dict[str, Any]:
    """Return the checked geometry in an uploaded GeoJSON file.

    :raises BoundaryError: with the reason, in the visitor's language.
    """
    if len(raw) > MAX_BYTES:
        raise BoundaryError(_l("The file is too large (at most 2 MB)."))
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        document = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BoundaryError(
            _l("The file is not valid GeoJSON (JSON could not be read).")
        ) from error
    geometry = _geometry_of(document)
    coordinates = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": _polygon(coordinates)}
    if not isinstance(coordinates, list) or not coordinates:
        raise BoundaryError(_l("The polygon has no coordinates."))
    return {"type": "MultiPolygon", "coordinates": [_polygon(p) for p in coordinates]}
