"""Demo organisations of Dordrecht West."""

from __future__ import annotations

from app.extensions import db
from app.organisations.models import Organisation

ORGANISATIONS = [
    (
        "Stichting Dordrecht Sociaal",
        "https://www.dordrechtsociaal.example",
        "info@dordrechtsociaal.example",
    ),
    (
        "Sociale Dienst Drechtsteden",
        "https://www.sociale-dienst.example",
        "info@sociale-dienst.example",
    ),
    ("Woonbron", "https://www.woonbron.example", "info@woonbron.example"),
    ("Trivire", "https://www.trivire.example", "info@trivire.example"),
    ("GGD Zuid-Holland Zuid", "https://www.ggd.example", "info@ggd.example"),
    ("Buurthuis Crabbehoeve", "https://www.crabbehoeve.example", "info@crabbehoeve.example"),
]


# At city scale: kinds of organisation, each once in every part of the city below.
CITY_KINDS = ["Buurthuis", "Sportvereniging", "Huisartsenpraktijk", "Wijkteam", "Kerk", "School"]
CITY_PARTS = ["Binnenstad", "Noordflank", "Reeland", "Staart", "Zuidhoven", "Sterrenburg"]
CITY_PARTS += ["Stadspolders", "Dubbeldam", "Wielwijk", "Krispijn"]


def load(scale: str = "neighbourhood", factor: float = 1.0) -> None:
    """Add the organisations that work in Crabbehof; at city scale sixty more across Dordrecht."""
    for name, website, email in ORGANISATIONS:
        db.session.add(Organisation(name=name, website=website, email=email))
    if scale != "city":
        return
    for kind in CITY_KINDS:
        for part in CITY_PARTS:
            slug = f"{kind}-{part}".lower()
            db.session.add(
                Organisation(
                    name=f"{kind} {part}",
                    website=f"https://www.{slug}.example",
                    email=f"info@{slug}.example",
                )
            )
