"""Which boundary holds a point (app/neighbourhoods/geometry.py), checked against brute force."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.neighbourhoods.geometry import contains, ring_contains

LON = st.floats(min_value=4.0, max_value=5.0, allow_nan=False)
LAT = st.floats(min_value=51.0, max_value=52.0, allow_nan=False)


def _box(west: float, south: float, east: float, north: float) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [east, south], [east, north], [west, north], [west, south]]
        ],
    }


@given(LON, LAT, LON, LAT, LON, LAT)
def test_a_point_is_in_a_box_exactly_when_it_is_between_its_sides(x1, y1, x2, y2, lon, lat):
    west, east = sorted((x1, x2))
    south, north = sorted((y1, y2))
    box = _box(west, south, east, north)
    expected = west <= lon <= east and south <= lat <= north
    if west < east and south < north:
        assert contains(box, lat, lon) == expected


@given(
    LON, LAT, st.floats(min_value=0.001, max_value=0.2), st.floats(min_value=0.001, max_value=0.2)
)
def test_the_order_of_the_ring_does_not_matter(lon, lat, width, height):
    ring = [
        [lon, lat],
        [lon + width, lat],
        [lon + width, lat + height],
        [lon, lat + height],
        [lon, lat],
    ]
    for x, y in ((lon + width / 2, lat + height / 2), (lon - width, lat), (lon + 2 * width, lat)):
        assert ring_contains(ring, x, y) == ring_contains(list(reversed(ring)), x, y)


@given(st.floats(min_value=0.05, max_value=0.95), st.floats(min_value=0.05, max_value=0.95))
def test_a_hole_is_outside_and_the_ring_around_it_inside(fx, fy):
    # A 1×1 square at (4, 51) with a hole of 0.4×0.4 in its middle.
    outer = [[4, 51], [5, 51], [5, 52], [4, 52], [4, 51]]
    hole = [[4.3, 51.3], [4.7, 51.3], [4.7, 51.7], [4.3, 51.7], [4.3, 51.3]]
    geometry = {"type": "Polygon", "coordinates": [outer, hole]}
    lon, lat = 4 + fx, 51 + fy
    in_hole = 4.3 < lon < 4.7 and 51.3 < lat < 51.7
    on_hole_edge = (lon in (4.3, 4.7) and 51.3 <= lat <= 51.7) or (
        lat in (51.3, 51.7) and 4.3 <= lon <= 4.7
    )
    assert contains(geometry, lat, lon) == (not in_hole or on_hole_edge)


@given(LON, LAT)
def test_a_multipolygon_holds_what_one_of_its_parts_holds(lon, lat):
    left, right = _box(4.0, 51.0, 4.4, 52.0), _box(4.6, 51.0, 5.0, 52.0)
    multi = {
        "type": "MultiPolygon",
        "coordinates": [left["coordinates"], right["coordinates"]],
    }
    assert contains(multi, lat, lon) == (contains(left, lat, lon) or contains(right, lat, lon))


def test_a_concave_outline_leaves_its_notch_outside():
    # A "U": the notch between the arms is not in the neighbourhood.
    u_shape = {
        "type": "Polygon",
        "coordinates": [
            [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]],
        ],
    }
    assert contains(u_shape, 2.5, 0.5)  # in the left arm (lat 2.5, lon 0.5)
    assert contains(u_shape, 2.5, 2.5)  # in the right arm
    assert not contains(u_shape, 2.5, 1.5)  # in the notch
    assert contains(u_shape, 0.5, 1.5)  # in the bottom
    assert contains(u_shape, 0, 1.5)  # on the bottom edge


def test_nothing_or_another_geometry_holds_nothing():
    assert not contains(None, 51.8, 4.6)
    assert not contains({"type": "Point", "coordinates": [4.6, 51.8]}, 51.8, 4.6)
