"""The neighbourhood table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model


class Neighbourhood(Model):
    """A neighbourhood (wijk) with its boundary as a GeoJSON polygon."""

    __tablename__ = "neighbourhoods"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    city: Mapped[str] = mapped_column(String(120), default="Dordrecht")
    # A GeoJSON geometry (Polygon or MultiPolygon) in WGS84 (lon, lat).
    boundary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"<Neighbourhood {self.slug}>"

    @property
    def centre(self) -> tuple[float, float] | None:
        """Return (lat, lon) of the boundary's vertex average, a fair centre for a small area."""
        if not self.boundary:
            return None
        coords = self.boundary["coordinates"]
        ring = coords[0] if self.boundary["type"] == "Polygon" else coords[0][0]
        lon = sum(p[0] for p in ring) / len(ring)
        lat = sum(p[1] for p in ring) / len(ring)
        return lat, lon
