"""The social map with 50 and with 5,000 services: same SQL queries, /kaart under 60 KB."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.organisations.models import Organisation
from app.places.models import Location
from app.servicemap.models import OpeningHours, Service, ServiceLanguage
from app.servicemap.search import build_search_text
from app.taxonomy.builtin import ensure_builtin_categories
from app.taxonomy.models import Category

PAGES = [
    ("map list", "/kaart"),
    ("map list, filtered", "/kaart?category=money-and-debt&open_now=y&q=dienst&language=nl"),
    ("map list, page 2", "/kaart?page=2"),
    ("HSDS API page", "/api/v1/services?per_page=50"),
    ("service page", "/kaart/1-dienst-0"),
    ("place page", "/kaart/plek/1"),
]
STREETS = ["Troelstraweg", "Karel Doormanweg", "Colijnstraat", "Anthony Fokkerweg", "Thorbeckeweg"]


def _fill(total: int) -> None:
    """Add services until there are ``total`` (bulk, without the audit trail)."""
    ensure_builtin_categories()
    categories = list(
        db.session.scalars(
            select(Category).where(
                Category.slug.in_(["money-and-debt", "food", "meeting-people", "housing"])
            )
        )
    )
    have = db.session.scalar(select(func.count()).select_from(Service)) or 0
    organisations = list(db.session.scalars(select(Organisation)))
    if not organisations:
        organisations = [Organisation(name=f"Bench organisatie {n}") for n in range(20)]
        db.session.add_all(organisations)
    rng = random.Random(total)
    now = datetime.now(UTC)
    for n in range(have, total):
        location = Location(
            name=f"Plek {n}",
            address=f"{STREETS[n % len(STREETS)]} {n}",
            postcode="3317 JA",
            latitude=51.790 + rng.random() * 0.012,
            longitude=4.656 + rng.random() * 0.02,
        )
        service = Service(
            name=f"Dienst {n}",
            slug=f"dienst-{n}",
            description="Hulp en advies in de wijk. " * 3,
            organisation=organisations[n % len(organisations)],
            location=location,
            categories=[categories[n % len(categories)]],
            languages=[ServiceLanguage(code="nl"), ServiceLanguage(code="en")],
            hours=[OpeningHours(weekday=d, opens_at=time(9), closes_at=time(17)) for d in range(5)],
            exceptions=[],
            target_groups=["iedereen"],
            last_verified_at=now - timedelta(days=n % 300),
            verified_by_name="Bench",
        )
        service.search_text = build_search_text(service)
        db.session.add(service)
        if n % 500 == 499:
            db.session.flush()
    db.session.commit()


def run(bench) -> None:
    app = bench.app
    results = {}
    for size in (50, 5000):
        with app.app_context():
            _fill(size)
        for name, url in PAGES:
            result = bench.measure(f"{name} ({size})", url, repeat=3)
            assert result.status == 200, f"{url} answered {result.status}"
            results[(name, size)] = result
    geo = bench.measure("map markers GeoJSON (5000)", "/api/v1/services.geojson", repeat=1)
    assert geo.status == 200
    # What the map asks for: the visible area (a street or two at zoom 17), not the city.
    box = bench.measure(
        "map markers GeoJSON, a street (5000)",
        "/api/v1/services.geojson?bbox=4.660,51.794,4.664,51.796",
        repeat=1,
    )
    assert box.status == 200
    assert box.queries == geo.queries, f"bbox: {box.queries} queries, {geo.queries} without"
    assert box.bytes < geo.bytes / 10, f"bbox: {box.bytes} bytes, {geo.bytes} for the city"
    for name, _url in PAGES:
        small, large = results[(name, 50)], results[(name, 5000)]
        assert small.queries == large.queries, (
            f"{name}: {small.queries} queries with 50 services, {large.queries} with 5000"
        )
    for size in (50, 5000):
        # The agenda bench put its 2,000 activities at place 1: the page shows the first few.
        place_kb = results[("place page", size)].bytes / 1024
        assert place_kb < 60, f"the place page is {place_kb:.1f} KB with {size} services"
        size_kb = results[("map list", size)].bytes / 1024
        assert size_kb < 60, f"/kaart is {size_kb:.1f} KB with {size} services"
