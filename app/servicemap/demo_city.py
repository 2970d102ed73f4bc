"""A whole city's services (``flask demo load --scale city``): 5,000 across Dordrecht.

Generated with a seeded ``random.Random`` and written with SQLAlchemy Core in batches
(app/core/bulk.py): places in every neighbourhood, services at them with categories, languages,
opening hours, some closed days and some that nobody checked for a long time.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from app.core.bulk import insert_returning_ids, insert_rows, scaled
from app.extensions import db
from app.neighbourhoods.demo import areas
from app.neighbourhoods.models import Neighbourhood
from app.organisations.models import Organisation
from app.places.models import Location
from app.servicemap.models import (
    ACCESS_CHOICES,
    OpeningHours,
    ScheduleException,
    Service,
    ServiceLanguage,
    service_categories,
)
from app.servicemap.operations import slugify
from app.servicemap.search import fold, stems_of
from app.taxonomy.models import Category
from app.taxonomy.synonyms import category_terms

SERVICES = 5_000
# Several services share a place (a community centre hosts a dozen).
SERVICES_PER_PLACE = 2.5
INACTIVE_EVERY = 50
STREETS = [
    "Bankastraat",
    "Brouwersdijk",
    "Reeweg-Oost",
    "Dubbelsteynlaan",
    "Vrieseweg",
    "Spuiboulevard",
    "Sumatraplein",
    "Groenmarkt",
    "Voorstraat",
    "Wijnstraat",
    "Krispijnseweg",
    "Mijlweg",
    "Laan-van-Europa",
    "Smitsweg",
    "Baanhoekweg",
    "Dordtse-Kil",
    "Sterrenburgplein",
    "Merwedestraat",
    "Zuidendijk",
    "Noordendijk",
    "Singel",
    "Vest",
    "Steegoversloot",
]
KINDS = (
    ("Spreekuur geldzaken", "money-and-debt"),
    ("Inloop", "meeting-people"),
    ("Taalles", "language-and-learning"),
    ("Jongerenwerk", "parenting-and-youth"),
    ("Huisartsenpost", "health-and-care"),
    ("Sportclub", "sport-and-exercise"),
    ("Buurtmaaltijd", "food"),
    ("Woonspreekuur", "housing"),
    ("Werkplaats", "work-and-day-activities"),
    ("Buurtpreventie", "safety"),
)
LANGUAGES = ("en", "tr", "ar", "pl", "uk", "ti", "so")
GROUPS = ("iedereen", "ouderen", "jongeren", "ouders", "nieuwkomers", "mantelzorgers")
PERIODS = ((time(9), time(12)), (time(13), time(17)), (time(9), time(17)), (time(19), time(21)))


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def load(factor: float, now: datetime) -> None:
    """Add a city's places and services, spread over every neighbourhood."""
    rng = random.Random(7)
    total = scaled(SERVICES, factor)
    places = _places(rng, max(1, round(total / SERVICES_PER_PLACE)), now)
    organisations = list(
        db.session.execute(select(Organisation.id, Organisation.name).order_by(Organisation.id))
    )
    categories = {c.slug: c.id for c in db.session.scalars(select(Category))}
    terms = {c.slug: " ".join(category_terms(c)) for c in db.session.scalars(select(Category))}
    hoods = {
        hid: name for hid, name in db.session.execute(select(Neighbourhood.id, Neighbourhood.name))
    }
    rows, extras = [], []
    for n in range(total):
        place_id, place_name, address, hood_id = places[n % len(places)]
        kind, slug = KINDS[n % len(KINDS)]
        org_id, org_name = organisations[(n * 7) % len(organisations)]
        name = f"{kind} {hoods.get(hood_id, 'Dordrecht')} {n + 1}"
        cost = "" if n % 4 else f"€ {n % 5 + 1} per keer"
        groups = rng.sample(GROUPS, k=rng.randint(1, 2))
        description = f"{kind} voor de buurt, bij {place_name}. Gegenereerde demovoorziening."
        checked = now - timedelta(days=rng.choice((3, 20, 60, 150, 250, 400, 700)))
        search = " ".join(
            (name, description, cost, " ".join(groups), org_name, address, terms.get(slug, ""))
        )
        folded = " " + fold(search) + " "
        rows.append(
            {
                "uuid": _uuid(rng),
                "organisation_id": org_id,
                "location_id": place_id,
                "name": name,
                "slug": slugify(name),
                "description": description,
                "target_groups": groups,
                "cost": cost,
                "is_free": not cost,
                "access": ACCESS_CHOICES[n % 7 % 3],
                "phone": f"078 6{n:06d}" if n % 3 else None,
                "email": f"info{n}@{slugify(org_name)}.example",
                "website": None,
                "is_demo": True,
                "is_active": n % INACTIVE_EVERY != 1,
                "verified_by_name": "Demo",
                "last_verified_at": checked,
                "verified_by_id": None,
                "search_text": folded,
                "search_stems": stems_of(folded),
                "version": 1,
                "created_at": checked,
                "updated_at": checked,
            }
        )
        extras.append((categories.get(slug), groups))
    ids = insert_returning_ids(Service, rows)
    insert_rows(
        service_categories,
        (
            {"service_id": sid, "category_id": category}
            for sid, (category, _) in zip(ids, extras, strict=True)
            if category is not None
        ),
    )
    languages: list[dict] = []
    hours: list[dict] = []
    closed: list[dict] = []
    today = now.date()
    for n, sid in enumerate(ids):
        codes = {"nl", *rng.sample(LANGUAGES, k=rng.randint(0, 3))}
        languages.extend({"service_id": sid, "code": code} for code in sorted(codes))
        opens, closes = PERIODS[n % len(PERIODS)]
        days = range(5) if n % 3 else sorted(rng.sample(range(7), k=rng.randint(1, 3)))
        hours.extend(
            {"service_id": sid, "weekday": d, "opens_at": opens, "closes_at": closes} for d in days
        )
        if n % 10 == 0:
            closed.append(_closed_day(sid, today + timedelta(days=rng.randint(1, 60))))
    insert_rows(ServiceLanguage, languages)
    insert_rows(OpeningHours, hours)
    insert_rows(ScheduleException, closed)


def _closed_day(service_id: int, day: date) -> dict:
    return {
        "service_id": service_id,
        "day": day,
        "is_closed": True,
        "opens_at": None,
        "closes_at": None,
        "note": "Studiedag",
    }


def _places(rng: random.Random, count: int, now: datetime) -> list[tuple[int, str, str, int]]:
    """Add ``count`` places; return (id, name, address, neighbourhood id) of each."""
    boxes = areas()
    rows: list[dict] = []
    for n in range(count):
        area = boxes[n % len(boxes)]
        lat, lon = area.point(rng)
        street = STREETS[rng.randrange(len(STREETS))].replace("-", " ")
        address = f"{street} {n // len(STREETS) + 1}"
        rows.append(
            {
                "name": f"Wijkpunt {address}",
                "address": address,
                "postcode": f"33{rng.randint(10, 29)} {rng.choice('ABCDEFGHJK')}{rng.choice('ABCDEFGHJK')}",
                "city": "Dordrecht",
                "latitude": lat,
                "longitude": lon,
                "neighbourhood_id": area.id,
                "uuid": _uuid(rng),
                "wheelchair_accessible": n % 3 != 0,
                "hearing_loop": n % 5 == 0,
                "created_at": now.astimezone(UTC),
                "updated_at": now.astimezone(UTC),
            }
        )
    ids = insert_returning_ids(Location, rows)
    return [
        (i, r["name"], r["address"], r["neighbourhood_id"]) for i, r in zip(ids, rows, strict=True)
    ]
