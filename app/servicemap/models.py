"""Models of the social map. ``Location`` is shared: activities take place at one too."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models import TimestampMixin
from app.extensions import Model
from app.neighbourhoods.models import Neighbourhood


class Location(TimestampMixin, Model):
    """A place with an address and coordinates (WGS84)."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str] = mapped_column(String(100), default="Dordrecht")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    neighbourhood_id: Mapped[int | None] = mapped_column(
        ForeignKey("neighbourhoods.id"), index=True
    )

    neighbourhood: Mapped[Neighbourhood | None] = relationship()

    def __repr__(self) -> str:
        return f"<Location {self.name}>"
