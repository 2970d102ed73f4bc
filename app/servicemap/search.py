"""Free-text search that finds Dutch words with and without accents ("cafe" finds "café").

The normalised text is stored in ``Service.search_text`` and queries are normalised the same way
in Python, so the search behaves alike on SQLite and PostgreSQL (no database extensions).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.servicemap.models import Service

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str | None) -> str:
    """Return ``text`` lower-cased, without accents, with single spaces between words."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def search_words(query: str | None, limit: int = 8) -> list[str]:
    """Split a query into normalised words (at most ``limit``, so a query stays cheap)."""
    return normalise(query).split()[:limit]


def build_search_text(service: Service) -> str:
    """Return the normalised text a service is found by."""
    parts = [
        service.name,
        service.description,
        service.cost,
        " ".join(service.target_groups or []),
        service.organisation.name if service.organisation else "",
    ]
    if service.location is not None:
        location = service.location
        parts += [location.name, location.address, location.postcode or ""]
    return " " + normalise(" ".join(p for p in parts if p)) + " "
