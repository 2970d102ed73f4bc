"""State changes of the social map. They flush and never commit; the caller commits once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from app.core.models import utcnow
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from app.organisations.models import Organisation
from app.places.models import Location
from app.servicemap.models import (
    Correction,
    OpeningHours,
    ScheduleException,
    Service,
    ServiceChange,
    ServiceLanguage,
)
from app.servicemap.queries import find_location, used_by_other_organisations
from app.servicemap.schedule import (
    WEEKDAY_CODES,
    ExceptionLine,
    format_exception,
    format_periods,
)
from app.servicemap.search import index_service, normalise
from app.taxonomy.models import Category


class EditConflict(Exception):
    """The service changed since the editor opened it; nothing was saved."""


@dataclass
class ServiceData:
    """Everything a professional fills in for one service."""

    name: str
    organisation: Organisation
    address: str
    location_name: str = ""
    postcode: str | None = None
    city: str = "Dordrecht"
    latitude: float | None = None
    longitude: float | None = None
    description: str = ""
    categories: list[Category] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    cost: str = ""
    is_free: bool = True
    access: str = "walk_in"
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    wheelchair_accessible: bool = False
    hearing_loop: bool = False
    # weekday (0 = Monday) → periods
    hours: dict[int, list[tuple[time, time]]] = field(default_factory=dict)
    exceptions: list[ExceptionLine] = field(default_factory=list)
    is_demo: bool = False


def slugify(text: str) -> str:
    """Return a URL-friendly form of ``text`` (accents dropped, spaces as hyphens)."""
    return re.sub(r"\s+", "-", normalise(text))[:80] or "dienst"


def snapshot(service: Service) -> dict[str, str]:
    """Return each field of ``service`` as text, to compare before and after a change."""
    location = service.location
    hours_by_day = {
        code: format_periods(
            [(h.opens_at, h.closes_at) for h in service.hours if h.weekday == index]
        )
        for index, code in enumerate(WEEKDAY_CODES)
    }
    return {
        "name": service.name,
        "organisation": service.organisation.name if service.organisation else "",
        "description": service.description or "",
        "categories": ", ".join(sorted(c.slug for c in service.categories)),
        "languages": ", ".join(sorted(service.language_codes)),
        "target_groups": ", ".join(service.target_groups or []),
        "cost": service.cost or "",
        "is_free": "yes" if service.is_free else "no",
        "access": service.access,
        "phone": service.phone or "",
        "email": service.email or "",
        "website": service.website or "",
        "location_name": location.name if location else "",
        "address": location.address if location else "",
        "postcode": (location.postcode or "") if location else "",
        "city": location.city if location else "",
        "coordinates": (
            f"{location.latitude:.6f}, {location.longitude:.6f}"
            if location and location.latitude is not None and location.longitude is not None
            else ""
        ),
        "wheelchair_accessible": "yes" if location and location.wheelchair_accessible else "no",
        "hearing_loop": "yes" if location and location.hearing_loop else "no",
        **{f"hours_{code.lower()}": value for code, value in hours_by_day.items()},
        "exceptions": "; ".join(format_exception(e) for e in service.exceptions),
    }


def _diff(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    return {
        key: [before.get(key, ""), value]
        for key, value in after.items()
        if before.get(key, "") != value
    }


def record_change(
    service: Service, user: Any, action: str, changes: dict[str, Any], at: datetime | None = None
) -> ServiceChange:
    change = ServiceChange(
        service_id=service.id,
        user_id=getattr(user, "id", None),
        action=action,
        changes=changes,
        at=at or utcnow(),
    )
    db.session.add(change)
    return change


def _place_fields(data: ServiceData) -> dict[str, Any]:
    """Return what ``data`` says about the place (a field it leaves open is not named)."""
    fields: dict[str, Any] = {
        "address": data.address.strip(),
        "postcode": (data.postcode or "").upper() or None,
        "city": data.city or "Dordrecht",
        "wheelchair_accessible": data.wheelchair_accessible,
        "hearing_loop": data.hearing_loop,
    }
    if data.location_name:
        fields["name"] = data.location_name
    if data.latitude is not None and data.longitude is not None:
        fields["latitude"] = data.latitude
        fields["longitude"] = data.longitude
    return fields


def _location_for(service: Service | None, data: ServiceData) -> Location:
    """Return the place for ``data``: the same address's place where that is safe.

    A place whose services belong to other organisations too is shared: an organisation
    uses it as it is, but never renames or moves it for the others. When its entry says
    something else about the place, it gets a place of its own at that address.
    """
    current = service.location if service is not None else None
    same_address = (
        current is not None
        and current.address.strip().lower() == data.address.strip().lower()
        and (current.postcode or "").upper() == (data.postcode or "").upper()
    )
    location = (
        current
        if same_address
        else db.session.scalar(find_location(data.location_name, data.address, data.postcode))
    )
    fields = _place_fields(data)
    if location is not None and location.id is not None:
        differs = any(getattr(location, name) != value for name, value in fields.items())
        if differs and db.session.scalar(
            used_by_other_organisations(
                location.id, data.organisation.id, service.id if service else None
            )
        ):
            location = None
    if location is None:
        location = Location(name=data.location_name or data.address, address=data.address)
        db.session.add(location)
    for name, value in fields.items():
        setattr(location, name, value)
    if location.neighbourhood_id is None and location.latitude is not None:
        location.neighbourhood_id = _neighbourhood_id(location.latitude, location.longitude)
    return location


def _neighbourhood_id(lat: float, lon: float | None) -> int | None:
    if lon is None:
        return None
    for neighbourhood in db.session.scalars(select(Neighbourhood)):
        if neighbourhood.boundary and _inside(lon, lat, neighbourhood.boundary):
            return neighbourhood.id
    return None


def _inside(x: float, y: float, geometry: dict[str, Any]) -> bool:
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    for polygon in polygons:
        ring = polygon[0]
        inside = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
        if inside:
            return True
    return False


def apply_service_data(service: Service, data: ServiceData) -> None:
    """Set every field of ``service`` (and its place) from ``data``; flush nothing."""
    with db.session.no_autoflush:
        _apply_fields(service, data)


def _apply_fields(service: Service, data: ServiceData) -> None:
    service.name = data.name.strip()
    service.slug = slugify(data.name)
    service.organisation = data.organisation
    service.description = data.description or ""
    service.categories = list(data.categories)
    wanted = sorted(set(data.languages))
    if service.language_codes != wanted:
        service.languages = [ServiceLanguage(code=code) for code in wanted]
    service.target_groups = [g.strip() for g in data.target_groups if g.strip()]
    service.cost = data.cost or ""
    service.is_free = data.is_free
    service.access = data.access
    service.phone = data.phone or None
    service.email = data.email or None
    service.website = data.website or None
    service.is_demo = data.is_demo
    service.location = _location_for(service if service.id else None, data)
    new_hours = sorted(
        (day, opens, closes) for day, periods in data.hours.items() for opens, closes in periods
    )
    old_hours = sorted((h.weekday, h.opens_at, h.closes_at) for h in service.hours)
    if new_hours != old_hours:
        service.hours = [OpeningHours(weekday=d, opens_at=o, closes_at=c) for d, o, c in new_hours]
    new_exceptions = [
        (e.day, e.is_closed, e.periods[0] if e.periods else None, e.note) for e in data.exceptions
    ]
    old_exceptions = [
        (
            e.day,
            e.is_closed,
            (e.opens_at, e.closes_at) if e.opens_at and e.closes_at else None,
            e.note,
        )
        for e in service.exceptions
    ]
    if sorted(new_exceptions) != sorted(old_exceptions):
        service.exceptions = [
            ScheduleException(
                day=day,
                is_closed=closed,
                opens_at=period[0] if period else None,
                closes_at=period[1] if period else None,
                note=note,
            )
            for day, closed, period, note in sorted(new_exceptions)
        ]
    index_service(service)


def create_service(data: ServiceData, user: Any, *, verify: bool = True) -> Service:
    """Add a service; a new entry counts as checked by whoever made it."""
    service = Service(name=data.name, slug="", version=1)
    service.hours = []
    service.exceptions = []
    service.languages = []
    db.session.add(service)
    apply_service_data(service, data)
    if verify and user is not None:
        service.last_verified_at = utcnow()
        service.verified_by_id = user.id
        service.verified_by_name = user.name
    db.session.flush()
    record_change(service, user, "created", _diff({}, snapshot(service)))
    db.session.flush()
    return service


def update_service(service: Service, data: ServiceData, user: Any, expected_version: int) -> bool:
    """Save an edit made on ``expected_version``; return whether anything changed.

    Raise EditConflict when someone saved the service in the meantime: nothing is written.
    """
    if service.version != expected_version:
        raise EditConflict
    before = snapshot(service)
    apply_service_data(service, data)
    changes = _diff(before, snapshot(service))
    if not changes:
        return False
    # A change counts as a check: whoever edits it has looked at the whole entry.
    service.last_verified_at = utcnow()
    service.verified_by_id = getattr(user, "id", None)
    service.verified_by_name = getattr(user, "name", None)
    service.updated_at = utcnow()
    try:
        db.session.flush()
    except StaleDataError as exc:  # saved by another request between our read and write
        raise EditConflict from exc
    record_change(service, user, "updated", changes)
    db.session.flush()
    return True


def verify_service(service: Service, user: Any, now: datetime | None = None) -> None:
    """Record that ``user`` checked ``service`` and found it still correct."""
    previous = service.last_verified_at
    service.last_verified_at = now or utcnow()
    service.verified_by_id = user.id
    service.verified_by_name = user.name
    db.session.flush()
    record_change(
        service,
        user,
        "verified",
        {
            "last_verified_at": [
                previous.isoformat() if previous else "",
                service.last_verified_at.isoformat(),
            ]
        },
    )
    db.session.flush()


def set_active(service: Service, user: Any, active: bool) -> None:
    """Take a service off the map (it stopped) or put it back; kept in the history."""
    if service.is_active == active:
        return
    service.is_active = active
    db.session.flush()
    record_change(
        service,
        user,
        "restored" if active else "removed",
        {"is_active": [str(not active), str(active)]},
    )
    db.session.flush()


def add_correction(service: Service, kind: str, message: str) -> Correction:
    """Store a resident's correction; mailing it is a separate step that may fail."""
    correction = Correction(service_id=service.id, kind=kind, message=message.strip())
    db.session.add(correction)
    db.session.flush()
    return correction


def mark_mailed(correction: Correction) -> None:
    correction.mailed_at = datetime.now(UTC)
    db.session.flush()
