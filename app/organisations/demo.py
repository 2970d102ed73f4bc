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


def load(scale: str = "neighbourhood") -> None:
    """Add the organisations that work in Crabbehof."""
    for name, website, email in ORGANISATIONS:
        db.session.add(Organisation(name=name, website=website, email=email))
