"""Changes to neighbourhoods: open, edit, close and reopen, their contact point. Flush only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from app.accounts.models import User
from app.core.operations import OperationError
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood


class NeighbourhoodError(OperationError):
    """A change that cannot be made; ``code`` says which ("slug_taken", "default")."""


@dataclass(frozen=True)
class NeighbourhoodData:
    """What an admin filled in for a neighbourhood (``boundary`` None: keep the current one)."""

    name: str
    slug: str
    city: str
    reporting_url: str | None
    professionals: list[User]
    boundary: dict[str, Any] | None = None


@dataclass(frozen=True)
class ContactPointData:
    """The contact point's fields as typed (empty strings become None)."""

    name: str | None = None
    address: str | None = None
    opening_hours: str | None = None
    phone: str | None = None
    team: str | None = None


def slug_taken(slug: str, but: Neighbourhood | None = None) -> bool:
    """Tell whether another neighbourhood already has ``slug``."""
    statement = select(func.count()).select_from(Neighbourhood).where(Neighbourhood.slug == slug)
    if but is not None:
        statement = statement.where(Neighbourhood.id != but.id)
    return bool(db.session.scalar(statement))


def _apply(hood: Neighbourhood, data: NeighbourhoodData) -> None:
    if slug_taken(data.slug, but=hood if hood.id else None):
        raise NeighbourhoodError("slug_taken")
    hood.name = data.name.strip()
    hood.slug = data.slug
    hood.city = data.city.strip()
    hood.reporting_url = (data.reporting_url or "").strip() or None
    hood.professionals = list(data.professionals)
    if data.boundary is not None:
        hood.boundary = data.boundary


def create_neighbourhood(data: NeighbourhoodData) -> Neighbourhood:
    """Open a new neighbourhood (it needs a boundary)."""
    if data.boundary is None:
        raise ValueError("a new neighbourhood needs a boundary")
    hood = Neighbourhood(is_active=True, is_default=False)
    _apply(hood, data)
    db.session.add(hood)
    db.session.flush()
    return hood


def update_neighbourhood(hood: Neighbourhood, data: NeighbourhoodData) -> None:
    """Change a neighbourhood's name, link, municipality, professionals and maybe boundary."""
    _apply(hood, data)
    db.session.flush()


def set_active(hood: Neighbourhood, active: bool) -> None:
    """Close or reopen a neighbourhood; the default one stays open (every page falls back to it)."""
    if not active and hood.is_default:
        raise NeighbourhoodError("default")
    hood.is_active = active
    db.session.flush()


def set_contact_point(hood: Neighbourhood, data: ContactPointData) -> None:
    """Save the contact point of ``hood``."""

    def clean(value: str | None) -> str | None:
        return (value or "").strip() or None

    hood.contact_name = clean(data.name)
    hood.contact_address = clean(data.address)
    hood.contact_opening_hours = clean(data.opening_hours)
    hood.contact_phone = clean(data.phone)
    hood.contact_team = clean(data.team)
    db.session.flush()
