"""Factories for the social map's tables."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.servicemap.operations import ServiceData, create_service
from app.servicemap.schedule import parse_exception_lines, parse_periods
from app.taxonomy.builtin import ensure_builtin_categories
from app.taxonomy.models import Category
from tests.factories import make_organisation

_counter = itertools.count(1)
ALWAYS = "00:00-24:00"


def category(slug: str) -> Category:
    ensure_builtin_categories()
    found = db.session.scalar(select(Category).where(Category.slug == slug))
    assert found is not None, slug
    return found


def make_service(
    name: str | None = None,
    *,
    organisation=None,
    user=None,
    categories: tuple[str, ...] = ("meeting-people",),
    languages: tuple[str, ...] = ("nl",),
    hours: dict[int, str] | None = None,
    exceptions: str = "",
    address: str | None = None,
    postcode: str | None = "3317 JA",
    location_name: str = "",
    latitude: float | None = 51.7956,
    longitude: float | None = 4.6669,
    checked_days_ago: int | None = 1,
    **kwargs,
):
    """Add a service; ``hours`` maps weekday (0 = Monday) to "09:00-12:00, 13:00-17:00"."""
    n = next(_counter)
    data = ServiceData(
        name=name or f"Dienst {n}",
        organisation=organisation or make_organisation(),
        address=address or f"Teststraat {n}",
        postcode=postcode,
        location_name=location_name,
        latitude=latitude,
        longitude=longitude,
        categories=[category(slug) for slug in categories],
        languages=list(languages),
        hours={day: parse_periods(text) for day, text in (hours or {}).items()},
        exceptions=parse_exception_lines(exceptions),
        **kwargs,
    )
    service = create_service(data, user, verify=False)
    if checked_days_ago is not None:
        service.last_verified_at = datetime.now(UTC) - timedelta(days=checked_days_ago)
        service.verified_by_name = "Tester"
    db.session.flush()
    return service


def open_always() -> dict[int, str]:
    return dict.fromkeys(range(7), ALWAYS)
