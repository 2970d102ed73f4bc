"""Demo neighbourhoods of Dordrecht West, with approximate boundaries (WGS84)."""

from __future__ import annotations

from app.extensions import db
from app.neighbourhoods.models import Neighbourhood


def _polygon(*points: tuple[float, float]) -> dict:
    ring = [[lon, lat] for lat, lon in points]
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


# Approximate outlines (lat, lon), traced around the main roads that bound each area.
NEIGHBOURHOODS = [
    (
        "Crabbehof",
        "crabbehof",
        True,
        _polygon(
            (51.8000, 4.6585),
            (51.8012, 4.6680),
            (51.7985, 4.6760),
            (51.7925, 4.6775),
            (51.7890, 4.6700),
            (51.7905, 4.6600),
            (51.7950, 4.6560),
        ),
    ),
    (
        "Wielwijk",
        "wielwijk",
        False,
        _polygon(
            (51.8040, 4.6470),
            (51.8050, 4.6580),
            (51.8000, 4.6585),
            (51.7950, 4.6560),
            (51.7960, 4.6450),
        ),
    ),
    (
        "Oud-Krispijn",
        "oud-krispijn",
        False,
        _polygon(
            (51.8035, 4.6700),
            (51.8030, 4.6800),
            (51.7985, 4.6830),
            (51.7985, 4.6760),
            (51.8012, 4.6680),
        ),
    ),
    (
        "Nieuw-Krispijn",
        "nieuw-krispijn",
        False,
        _polygon((51.7985, 4.6760), (51.7985, 4.6880), (51.7920, 4.6900), (51.7925, 4.6775)),
    ),
]


def load(scale: str = "neighbourhood") -> None:
    """Add Crabbehof (the default) and its neighbours in Dordrecht West."""
    for name, slug, is_default, boundary in NEIGHBOURHOODS:
        db.session.add(
            Neighbourhood(name=name, slug=slug, is_default=is_default, boundary=boundary)
        )
