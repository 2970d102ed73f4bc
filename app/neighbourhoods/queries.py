"""Reads of neighbourhoods: lists, the visitor's chosen one, its contact point."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask import g, has_request_context, request
from flask_login import current_user
from sqlalchemy import Select, select

from app.core.access import ADMIN, holds
from app.extensions import db
from app.neighbourhoods.geometry import contains
from app.neighbourhoods.models import Neighbourhood

# A link names a neighbourhood with ?wijk=<slug>; the choice is kept in a plain cookie (no
# session), so anonymous pages stay cacheable (the page cache key covers the cookie).
CHOICE_PARAM = "wijk"
CHOICE_COOKIE = "wijk"
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")


def active_neighbourhoods() -> Select[tuple[Neighbourhood]]:
    """Return the open neighbourhoods, by name."""
    return select(Neighbourhood).where(Neighbourhood.is_active).order_by(Neighbourhood.name)


def all_neighbourhoods() -> Select[tuple[Neighbourhood]]:
    """Return every neighbourhood, open ones first, then by name (the admins' list)."""
    return select(Neighbourhood).order_by(Neighbourhood.is_active.desc(), Neighbourhood.name)


def default_neighbourhood() -> Neighbourhood | None:
    """Return the default neighbourhood (Crabbehof), or the first one."""
    return db.session.scalar(
        select(Neighbourhood).order_by(Neighbourhood.is_default.desc(), Neighbourhood.id).limit(1)
    )


def neighbourhood_by_slug(slug: str | None) -> Neighbourhood | None:
    """Return the open neighbourhood with this slug, else None."""
    if not slug or not SLUG_PATTERN.match(slug):
        return None
    return db.session.scalar(
        select(Neighbourhood).where(Neighbourhood.slug == slug, Neighbourhood.is_active)
    )


def linked_slug() -> str | None:
    """Return the slug a link names with ``?wijk=`` (well formed, not checked against the table)."""
    value = request.args.get(CHOICE_PARAM, "")
    return value if SLUG_PATTERN.match(value) else None


def chosen_slug() -> str | None:
    """Return the slug this request chose: the link's ``?wijk=``, else the ``wijk`` cookie."""
    if not has_request_context():
        return None
    cookie = request.cookies.get(CHOICE_COOKIE, "")
    return linked_slug() or (cookie if SLUG_PATTERN.match(cookie) else None)


def current_neighbourhood() -> Neighbourhood | None:
    """Return the neighbourhood this visitor looks at.

    The link's ``?wijk=``, else the ``wijk`` cookie, else a logged-in person's own neighbourhood,
    else the default one. Looked up once per request.
    """
    if has_request_context() and "current_neighbourhood" in g:
        return g.current_neighbourhood
    found = neighbourhood_by_slug(chosen_slug())
    if found is None and has_request_context() and current_user.is_authenticated:
        own = current_user.neighbourhood
        found = own if own is not None and own.is_active else None
    if found is None:
        found = default_neighbourhood()
    if has_request_context():
        g.current_neighbourhood = found
    return found


@dataclass(frozen=True)
class ContactPoint:
    """A neighbourhood's one fixed contact point: its wijkpunt and the team there."""

    neighbourhood: str
    name: str | None
    address: str | None
    opening_hours: str | None
    phone: str | None
    team: str | None

    @property
    def tel(self) -> str | None:
        """Return the phone number for a ``tel:`` link (digits and a leading +)."""
        if not self.phone:
            return None
        return re.sub(r"[^\d+]", "", self.phone) or None


def contact_point(neighbourhood: Neighbourhood | None) -> ContactPoint | None:
    """Return the contact point of ``neighbourhood``, or None when it has none filled in."""
    if neighbourhood is None:
        return None
    fields = (
        neighbourhood.contact_name,
        neighbourhood.contact_address,
        neighbourhood.contact_opening_hours,
        neighbourhood.contact_phone,
        neighbourhood.contact_team,
    )
    cleaned = [(value or "").strip() or None for value in fields]
    if not any(cleaned):
        return None
    name, address, opening_hours, phone, team = cleaned
    return ContactPoint(neighbourhood.name, name, address, opening_hours, phone, team)


def reporting_url(neighbourhood: Neighbourhood | None, fallback: str) -> str:
    """Return where residents of ``neighbourhood`` report public-space problems."""
    if neighbourhood is not None and neighbourhood.reporting_url:
        return neighbourhood.reporting_url
    return fallback


def neighbourhood_at(lat: float, lon: float) -> Neighbourhood | None:
    """Return the open neighbourhood whose boundary holds (lat, lon), the oldest on a shared edge."""
    for hood in db.session.scalars(
        select(Neighbourhood)
        .where(Neighbourhood.is_active, Neighbourhood.boundary.is_not(None))
        .order_by(Neighbourhood.id)
    ):
        if contains(hood.boundary, lat, lon):
            return hood
    return None


def served_neighbourhood_ids(user: Any) -> list[int] | None:
    """Return the ids of the neighbourhoods whose questions ``user`` handles; None for all.

    Admins, and professionals who are in no neighbourhood (the programme office's own), handle
    every neighbourhood.
    """
    if holds(user, ADMIN) or not getattr(user, "neighbourhoods", None):
        return None
    return [n.id for n in user.neighbourhoods]
