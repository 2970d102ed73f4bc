"""Places: an address with coordinates where services are offered and activities happen.

A place is shared by the parts: the social map keeps its services at one, the calendar its
activities. It knows no part; they point at it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models import TimestampMixin, new_uuid
from app.extensions import Model
from app.neighbourhoods.models import Neighbourhood

if TYPE_CHECKING:
    from app.servicemap.models import Service


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
    # Added by the social map: a stable identifier for open data (HSDS) and accessibility.
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    wheelchair_accessible: Mapped[bool] = mapped_column(Boolean, default=False)
    hearing_loop: Mapped[bool] = mapped_column(Boolean, default=False)

    neighbourhood: Mapped[Neighbourhood | None] = relationship()
    services: Mapped[list[Service]] = relationship("Service", back_populates="location")

    def __repr__(self) -> str:
        return f"<Location {self.name}>"
