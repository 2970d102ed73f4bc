"""Demo neighbourhoods of Dordrecht West, with approximate boundaries (WGS84); at city scale the
rest of Dordrecht too, as rough rectangles."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import select

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


# The rest of the city, roughly: name, slug, south, west, north, east.
CITY_NEIGHBOURHOODS = [
    ("Binnenstad", "binnenstad", 51.8085, 4.6560, 51.8185, 4.6800),
    ("Noordflank", "noordflank", 51.8040, 4.6350, 51.8120, 4.6560),
    ("Reeland", "reeland", 51.7990, 4.6880, 51.8080, 4.7050),
    ("Staart", "staart", 51.8080, 4.6800, 51.8160, 4.7100),
    ("Zuidhoven", "zuidhoven", 51.7800, 4.6600, 51.7890, 4.6800),
    ("Sterrenburg", "sterrenburg", 51.7780, 4.6800, 51.7920, 4.7050),
    ("Stadspolders", "stadspolders", 51.7920, 4.7050, 51.8050, 4.7300),
    ("Dubbeldam", "dubbeldam", 51.7780, 4.7050, 51.7920, 4.7350),
]


# Made-up contact points (demo): the wijkpunt, its address, opening hours, phone and team.
CONTACT_POINTS = {
    "crabbehof": {
        "contact_name": "Wijkpunt Crabbehoeve",
        "contact_address": "Crabbehoeve 1, 3317 Dordrecht",
        "contact_opening_hours": "Maandag tot en met donderdag 9.00 tot 16.30 uur\n"
        "Vrijdag 9.00 tot 12.00 uur",
        "contact_phone": "078 123 45 67",
        "contact_team": "Het sociaal wijkteam, de opbouwwerker van Dordrecht Sociaal en de "
        "wijkagent (dinsdagochtend).",
    },
    "wielwijk": {
        "contact_name": "Wijkpunt Wielwijk",
        "contact_address": "Wielwijkplein 5, 3318 Dordrecht",
        "contact_opening_hours": "Maandag, woensdag en vrijdag 9.00 tot 15.00 uur",
        "contact_phone": "078 123 45 89",
        "contact_team": "Het sociaal wijkteam Wielwijk en de jongerenwerker.",
    },
}


def load(scale: str = "neighbourhood", factor: float = 1.0) -> None:
    """Add Crabbehof (the default) and its neighbours in Dordrecht West; at city scale the rest."""
    for name, slug, is_default, boundary in NEIGHBOURHOODS:
        db.session.add(
            Neighbourhood(
                name=name,
                slug=slug,
                is_default=is_default,
                boundary=boundary,
                **CONTACT_POINTS.get(slug, {}),
            )
        )
    if scale == "city":
        for name, slug, south, west, north, east in CITY_NEIGHBOURHOODS:
            box = _polygon((south, west), (north, west), (north, east), (south, east))
            db.session.add(Neighbourhood(name=name, slug=slug, boundary=box))


@dataclass(frozen=True)
class Area:
    """A neighbourhood's id and the box around its boundary, to scatter generated places in."""

    id: int
    south: float
    west: float
    north: float
    east: float

    def point(self, rng: random.Random) -> tuple[float, float]:
        """Return a random (lat, lon) in the box (the middle half, to stay inside the outline)."""
        lat = (self.south + self.north) / 2 + rng.uniform(-0.25, 0.25) * (self.north - self.south)
        lon = (self.west + self.east) / 2 + rng.uniform(-0.25, 0.25) * (self.east - self.west)
        return round(lat, 6), round(lon, 6)


def areas() -> list[Area]:
    """Return every neighbourhood with a boundary as an :class:`Area` (for the city generators)."""
    found = []
    for hood in db.session.scalars(select(Neighbourhood).order_by(Neighbourhood.id)):
        if not hood.boundary:
            continue
        coords = hood.boundary["coordinates"]
        ring = coords[0] if hood.boundary["type"] == "Polygon" else coords[0][0]
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        found.append(Area(hood.id, min(lats), min(lons), max(lats), max(lons)))
    return found
