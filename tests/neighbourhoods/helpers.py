"""What the neighbourhood tests share: Wielwijk's outline and an upload of it."""

from __future__ import annotations

import io
import json

# Wielwijk, west of the test Crabbehof (lon 4.658-4.676, lat 51.790-51.800): (lon, lat).
WIELWIJK_RING = [
    [4.640, 51.795],
    [4.6575, 51.795],
    [4.6575, 51.805],
    [4.640, 51.805],
    [4.640, 51.795],
]
WIELWIJK = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "Wielwijk"},
            "geometry": {"type": "Polygon", "coordinates": [WIELWIJK_RING]},
        }
    ],
}
# A point inside Wielwijk (lat, lon), and one inside the test Crabbehof.
IN_WIELWIJK = (51.800, 4.650)
IN_CRABBEHOF = (51.795, 4.667)


def upload(document: object | str, name: str = "wielwijk.geojson") -> tuple[io.BytesIO, str]:
    """Return a file for the test client's multipart form."""
    text = document if isinstance(document, str) else json.dumps(document)
    return io.BytesIO(text.encode()), name


def form(**changes: object) -> dict[str, object]:
    """Return the admin's neighbourhood form for Wielwijk, with ``changes``."""
    data: dict[str, object] = {
        "name": "Wielwijk",
        "slug": "wielwijk",
        "city": "Dordrecht",
        "reporting_url": "https://www.dordrecht.nl/fixi-wielwijk",
        "boundary_file": upload(WIELWIJK),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
