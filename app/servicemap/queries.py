"""Reads of the social map; each returns a ``select()`` for the caller to run or paginate."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, Text, and_, cast, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.accounts.models import User
from app.extensions import db
from app.organisations.models import organisation_members
from app.places.models import Location
from app.servicemap.models import Correction, Service, ServiceChange, ServiceLanguage
from app.servicemap.schedule import open_now_clause
from app.servicemap.search import text_match
from app.taxonomy.models import Category


@dataclass
class ServiceFilters:
    """The filters of the list, the map and the API (all optional)."""

    category: str | None = None
    open_now: bool = False
    language: str | None = None
    q: str | None = None
    near: tuple[float, float] | None = None
    organisation_id: int | None = None


def list_options():
    """Eager loading for lists: a fixed number of queries whatever the number of services."""
    return (
        joinedload(Service.organisation),
        joinedload(Service.location),
        joinedload(Service.image),
        selectinload(Service.categories),
        selectinload(Service.languages),
        selectinload(Service.hours),
        selectinload(Service.exceptions),
    )


def filtered_services(filters: ServiceFilters, moment: datetime | None = None) -> Select:
    """Return the services matching ``filters``, nearest first when ``near`` is given."""
    stmt = select(Service).where(Service.is_active)
    if filters.category:
        stmt = stmt.where(Service.categories.any(Category.slug == filters.category))
    if filters.language:
        stmt = stmt.where(
            exists(
                select(ServiceLanguage.code).where(
                    ServiceLanguage.service_id == Service.id,
                    ServiceLanguage.code == filters.language,
                )
            )
        )
    matches = text_match(filters.q, db.session.get_bind().dialect.name)
    if matches is not None:
        stmt = stmt.where(matches)
    if filters.open_now:
        stmt = stmt.where(open_now_clause(moment))
    if filters.organisation_id:
        stmt = stmt.where(Service.organisation_id == filters.organisation_id)
    if filters.near:
        lat, lon = filters.near
        # An equirectangular distance is exact enough to sort places within a city.
        scale = math.cos(math.radians(lat))
        stmt = stmt.join(Service.location).order_by(
            func.coalesce(
                (Location.latitude - lat) * (Location.latitude - lat)
                + (Location.longitude - lon) * scale * (Location.longitude - lon) * scale,
                1e9,
            ),
            Service.id,
        )
    else:
        stmt = stmt.order_by(func.lower(Service.name), Service.id)
    return stmt


def count_of(stmt: Select) -> Select:
    """Return a count of the rows of ``stmt``."""
    return select(func.count()).select_from(stmt.order_by(None).subquery())


def map_categories() -> Select:
    """The categories offered on the map (scope "map"), in their fixed order."""
    return (
        select(Category)
        .where(cast(Category.scopes, Text).like('%"map"%'))
        .order_by(Category.sort_order, Category.id)
    )


def stale_before(days: int, now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) - timedelta(days=days)


def is_stale_clause(days: int, now: datetime | None = None):
    cutoff = stale_before(days, now)
    return or_(Service.last_verified_at.is_(None), Service.last_verified_at < cutoff)


def managed_services(organisation_ids: list[int] | None) -> Select:
    """Services a professional maintains (all for admins), the stalest first."""
    stmt = select(Service).options(joinedload(Service.organisation), joinedload(Service.location))
    if organisation_ids is not None:
        stmt = stmt.where(Service.organisation_id.in_(organisation_ids or [-1]))
    return stmt.order_by(Service.last_verified_at.asc().nulls_first(), Service.id)


def stale_services(days: int, now: datetime | None = None) -> Select:
    return (
        select(Service)
        .options(joinedload(Service.organisation))
        .where(Service.is_active, is_stale_clause(days, now))
        .order_by(Service.organisation_id, Service.name)
    )


def service_history(service_id: int) -> Select:
    return (
        select(ServiceChange)
        .options(joinedload(ServiceChange.user))
        .where(ServiceChange.service_id == service_id)
        .order_by(ServiceChange.at.desc(), ServiceChange.id.desc())
    )


def service_corrections(service_id: int) -> Select:
    """What residents reported about a service, newest first."""
    return (
        select(Correction)
        .where(Correction.service_id == service_id)
        .order_by(Correction.created_at.desc(), Correction.id.desc())
        .limit(50)
    )


def organisation_members_with_email(organisation_id: int) -> Select:
    """The people of an organisation who have an email address (the caller checks roles)."""
    return (
        select(User)
        .join(organisation_members, organisation_members.c.user_id == User.id)
        .where(organisation_members.c.organisation_id == organisation_id)
        .where(User.email.is_not(None))
    )


def services_at_location(location_id: int) -> Select:
    return (
        select(Service)
        .options(*list_options())
        .where(Service.location_id == location_id, Service.is_active)
        .order_by(Service.name)
    )


def find_location(name: str, address: str, postcode: str | None) -> Select:
    """A location with the same address (so a place hosting several services has one page)."""
    return (
        select(Location)
        .where(
            and_(
                func.lower(Location.address) == address.strip().lower(),
                func.coalesce(func.upper(Location.postcode), "") == (postcode or "").upper(),
            )
        )
        .order_by(Location.id)
        .limit(1)
    )


def used_by_other_organisations(
    location_id: int, organisation_id: int, except_service_id: int | None = None
) -> Select:
    """Ask whether services of other organisations than ``organisation_id`` use a place."""
    others = select(Service.id).where(
        Service.location_id == location_id, Service.organisation_id != organisation_id
    )
    if except_service_id is not None:
        others = others.where(Service.id != except_service_id)
    return select(exists(others))


def marker_rows(
    filters: ServiceFilters, moment: datetime | None = None, limit: int = 10000
) -> Select:
    """Columns for the map's markers only: one query, however many services match."""
    from app.organisations.models import Organisation
    from app.servicemap.models import service_categories

    matching = filtered_services(filters, moment).with_only_columns(Service.id).order_by(None)
    first_category = (
        select(Category.slug)
        .join(service_categories, service_categories.c.category_id == Category.id)
        .where(service_categories.c.service_id == Service.id)
        .order_by(Category.sort_order, Category.id)
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(
            Service.id,
            Service.name,
            Service.slug,
            Service.is_demo,
            Organisation.name.label("organisation"),
            Location.address,
            Location.latitude,
            Location.longitude,
            first_category.label("category"),
            open_now_clause(moment).label("open_now"),
        )
        .join(Organisation, Organisation.id == Service.organisation_id)
        .join(Location, Location.id == Service.location_id)
        .where(
            Service.id.in_(matching),
            Location.latitude.is_not(None),
            Location.longitude.is_not(None),
        )
        .order_by(Service.id)
        .limit(limit)
    )
