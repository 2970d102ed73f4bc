"""An uploaded boundary is a WGS84 polygon, or it is refused with the reason."""

from __future__ import annotations

import json

import pytest

from app.neighbourhoods.manage_boundary import BoundaryError, parse_boundary

RING = [[4.64, 51.795], [4.6575, 51.795], [4.6575, 51.805], [4.64, 51.805], [4.64, 51.795]]
POLYGON = {"type": "Polygon", "coordinates": [RING]}


@pytest.mark.parametrize(
    "document",
    [
        POLYGON,
        {"type": "MultiPolygon", "coordinates": [[RING]]},
        {"type": "Feature", "properties": {"name": "Wielwijk"}, "geometry": POLYGON},
        {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": POLYGON}]},
        {
            **POLYGON,
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        },
        {**POLYGON, "crs": {"type": "name", "properties": {"name": "EPSG:4326"}}},
    ],
)
def test_a_polygon_in_wgs84_is_taken_as_its_bare_geometry(document):
    geometry = parse_boundary(json.dumps(document).encode())
    assert geometry["type"] in ("Polygon", "MultiPolygon")
    assert RING in (geometry["coordinates"][0], geometry["coordinates"][0][0])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not json", "not valid GeoJSON"),
        (json.dumps([1, 2]), 'no "type"'),
        (json.dumps({"type": "Point", "coordinates": [4.6, 51.8]}), "Point"),
        (
            json.dumps({"type": "LineString", "coordinates": [[4.6, 51.8], [4.7, 51.8]]}),
            "LineString",
        ),
        (json.dumps({"type": "FeatureCollection", "features": []}), "exactly one"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [{"type": "Feature", "geometry": POLYGON}] * 2,
                }
            ),
            "exactly one",
        ),
        (json.dumps({"type": "Feature", "geometry": None}), "no geometry"),
        (json.dumps({"type": "Polygon", "coordinates": []}), "no coordinates"),
        (
            json.dumps({"type": "Polygon", "coordinates": [[RING[0], RING[1], RING[0]]]}),
            "at least 4",
        ),
        (json.dumps({"type": "Polygon", "coordinates": [RING[:-1]]}), "not closed"),
        (
            json.dumps(
                {
                    "type": "Polygon",
                    "coordinates": [
                        [[104000, 423000], [105000, 423000], [105000, 424000], [104000, 423000]]
                    ],
                }
            ),
            "outside WGS84",
        ),
        (
            json.dumps(
                {"type": "Polygon", "coordinates": [[[4.6, 95], [4.7, 51], [4.7, 52], [4.6, 95]]]}
            ),
            "outside WGS84",
        ),
        (
            json.dumps({"type": "Polygon", "coordinates": [[["4.6", "51.8"]] * 4]}),
            "pair of numbers",
        ),
        (
            json.dumps(
                {
                    **POLYGON,
                    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
                }
            ),
            "another coordinate system",
        ),
        (json.dumps({"type": "MultiPolygon", "coordinates": []}), "no coordinates"),
    ],
)
def test_anything_else_is_refused_with_the_reason(app, text, reason):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        with pytest.raises(BoundaryError) as refused:
            parse_boundary(text.encode())
        assert reason in str(refused.value)


def test_a_file_over_two_megabytes_is_refused(app):
    with app.test_request_context(), pytest.raises(BoundaryError):
        parse_boundary(b" " * (2 * 1024 * 1024 + 1))
