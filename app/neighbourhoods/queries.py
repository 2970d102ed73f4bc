"""Reads of neighbourhoods."""

from __future__ import annotations

from sqlalchemy import Select, select

from app.extensions import db
from app.neighbourhoods.models import Neighbourhood


def active_neighbourhoods() -> Select[tuple[Neighbourhood]]:
    return select(Neighbourhood).where(Neighbourhood.is_active).order_by(Neighbourhood.name)


def default_neighbourhood() -> Neighbourhood | None:
    """Return the default neighbourhood (Crabbehof), or the first one."""
    return db.session.scalar(
        select(Neighbourhood).order_by(Neighbourhood.is_default.desc(), Neighbourhood.id).limit(1)
    )
