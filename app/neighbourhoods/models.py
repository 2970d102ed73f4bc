"""The neighbourhood table, its professionals and its contact point (wijkpunt)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model, db

if TYPE_CHECKING:
    from app.accounts.models import User

# Which professionals work in which neighbourhood (many to many): questions located in a
# neighbourhood reach its professionals, and they keep its contact point.
neighbourhood_professionals = Table(
    "neighbourhood_professionals",
    db.metadata,
    Column(
        "neighbourhood_id", ForeignKey("neighbourhoods.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Neighbourhood(Model):
    """A neighbourhood (wijk) with its boundary as a GeoJSON polygon."""

    __tablename__ = "neighbourhoods"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    # The municipality the neighbourhood lies in.
    city: Mapped[str] = mapped_column(String(120), default="Dordrecht")
    # A GeoJSON geometry (Polygon or MultiPolygon) in WGS84 (lon, lat).
    boundary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Where residents report litter, rats and street lights; empty: the global FIXI_URL.
    reporting_url: Mapped[str | None] = mapped_column(String(500))

    # The contact point (the programme's "één vast aanspreekpunt in de wijk").
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_address: Mapped[str | None] = mapped_column(String(300))
    contact_opening_hours: Mapped[str | None] = mapped_column(Text)
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_team: Mapped[str | None] = mapped_column(Text)

    professionals: Mapped[list[User]] = relationship(
        "User", secondary=neighbourhood_professionals, back_populates="neighbourhoods"
    )

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
