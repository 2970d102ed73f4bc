"""A whole city's agenda (``flask demo load --scale city``): 2,000 activities across Dordrecht.

Most repeat (weekly, every other week, on several weekdays, monthly, a fixed number of times);
many have a cancelled or a moved date; those with sign-up have places taken and waiting lists.
Generated with a seeded ``random.Random`` and written with SQLAlchemy Core in batches. The
derived columns are computed as the app computes them: ``first_date``/``last_date`` by
``recurrence.date_span``, occurrences by ``recurrence.local_starts``; an occurrence never has more
confirmed places than the capacity, and only a full one has a waiting list.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.accounts.demo_city import city_user_ids
from app.accounts.roles import RESIDENT
from app.activities.models import (
    CANCELLED,
    CONFIRMED,
    PROPOSED,
    PUBLISHED,
    REJECTED,
    TZID,
    WAITING,
    Activity,
    ActivityChange,
    OccurrenceOverride,
    OccurrenceSlot,
    Signup,
    activity_categories,
)
from app.activities.occurrences import rewrite_activities
from app.activities.operations import slugify
from app.activities.recurrence import date_span, local_starts, zone
from app.core.bulk import insert_returning_ids, insert_rows, scaled
from app.core.models import utcnow
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from app.organisations.models import Organisation
from app.places.models import Location
from app.taxonomy.models import Category

ACTIVITIES = 2_000
ONE_OFF_EVERY = 6  # one in six happens once; the rest repeat
REGISTRATION_EVERY = 3
CHANGED_EVERY = 3  # of the repeating ones, one in three has a cancelled and/or a moved date
SIGNED_UP_OCCURRENCES = 3  # the coming occurrences of an activity that people signed up for

KINDS = (
    ("Koffieochtend", "meeting-people", "everyone"),
    ("Taalcafé", "language-and-learning", "everyone"),
    ("Huiswerkklas", "parenting-and-youth", "children"),
    ("Seniorengym", "sport-and-exercise", "seniors"),
    ("Budgetcafé", "money-and-debt", "everyone"),
    ("Eettafel", "food", "everyone"),
    ("Jongerenavond", "parenting-and-youth", "youth"),
    ("Ouderochtend", "parenting-and-youth", "parents"),
    ("Wandelgroep", "sport-and-exercise", "seniors"),
    ("Spreekuur wonen", "housing", "everyone"),
    ("Werkcafé", "work-and-day-activities", "everyone"),
    ("Repair Café", "meeting-people", "everyone"),
)
# (rule, weekday of the first date); None = once. "1SA" starts on a month's first Saturday.
RULES = (
    ("FREQ=WEEKLY", None),
    ("FREQ=WEEKLY", None),
    ("FREQ=WEEKLY;INTERVAL=2", None),
    ("FREQ=WEEKLY;BYDAY=MO,WE", 0),
    ("FREQ=WEEKLY;BYDAY=TU,TH", 1),
    ("FREQ=MONTHLY;BYDAY=1SA", 5),
    ("FREQ=WEEKLY;COUNT=10", None),
    ("FREQ=WEEKLY;UNTIL={until}", None),
)
HOURS = (9, 10, 13, 14, 15, 19)
LANGUAGE_SETS: tuple[list[str], ...] = (
    [],
    ["en"],
    ["tr"],
    ["ar"],
    ["pl"],
    ["en", "ar"],
    ["tr", "ar"],
)


def _first_start(rng: random.Random, rule: str | None, weekday: int | None, today: date) -> date:
    """Return a first date: in the past for series (they run already), ahead for one-offs."""
    if rule is None:
        return today + timedelta(days=rng.randint(-30, 90))
    if weekday == 5 and "MONTHLY" in rule:  # the first Saturday of a month a few months ago
        month = (today.replace(day=1) - timedelta(days=rng.randint(40, 120))).replace(day=1)
        return month + timedelta(days=(5 - month.weekday()) % 7)
    day = today - timedelta(days=rng.randint(7, 150))
    if weekday is not None:
        day += timedelta(days=(weekday - day.weekday()) % 7)
    return day


def load(factor: float) -> None:
    """Add a city's activities, their changed dates, sign-ups and waiting lists."""
    rng = random.Random(13)
    total = scaled(ACTIVITIES, factor)
    now_local = datetime.now(zone(TZID)).replace(tzinfo=None, second=0, microsecond=0)
    today = now_local.date()
    places: list[tuple[int, int]] = [
        (pid, hood)
        for pid, hood in db.session.execute(select(Location.id, Location.neighbourhood_id))
        if hood is not None
    ]
    hoods = list(db.session.scalars(select(Neighbourhood.id)))
    organisations = list(db.session.scalars(select(Organisation.id)))
    categories = {slug: cid for slug, cid in db.session.execute(select(Category.slug, Category.id))}
    residents = city_user_ids(RESIDENT)
    created = utcnow()

    rows, extras = [], []
    for n in range(total):
        kind, category, target = KINDS[n % len(KINDS)]
        rule, weekday = (None, None) if n % ONE_OFF_EVERY == 0 else rng.choice(RULES)
        if rule and "{until}" in rule:
            rule = rule.format(
                until=(today + timedelta(days=rng.randint(20, 120))).strftime("%Y%m%d")
            )
        first = _first_start(rng, rule, weekday, today)
        start = datetime.combine(first, datetime.min.time()).replace(hour=rng.choice(HOURS))
        end = start + timedelta(minutes=rng.choice((60, 90, 120, 180)))
        place_id, hood_id = (
            places[n % len(places)] if places and n % 7 else (None, rng.choice(hoods))
        )
        by_resident = bool(residents) and n % 9 == 4
        status = PUBLISHED
        if n % 29 == 5:
            status = PROPOSED
        elif n % 61 == 9:
            status = REJECTED
        registration = n % REGISTRATION_EVERY == 1
        overrides = (
            _changed_dates(rng, start, end, rule, now_local)
            if (rule and n % CHANGED_EVERY == 0)
            else []
        )
        first_date, last_date = date_span(Activity(start_local=start, end_local=end, rrule=rule))
        moved = [o for o in overrides if o["new_start"] is not None]
        first_date = min([first_date, *(o["new_start"].date() for o in moved)])
        if last_date is not None:
            last_date = max([last_date, *(o["new_end"].date() for o in moved)])
        languages = ["nl", *LANGUAGE_SETS[n % len(LANGUAGE_SETS)]]
        rows.append(
            {
                "title": f"{kind} {n + 1}",
                "slug": slugify(f"{kind} {n + 1}"),
                "description": f"{kind} in de buurt. Gegenereerde demo-activiteit.",
                "neighbourhood_id": hood_id,
                "status": status,
                "rejection_reason": "Dit past niet in de agenda." if status == REJECTED else None,
                "start_local": start,
                "end_local": end,
                "tzid": TZID,
                "rrule": rule,
                "first_date": first_date,
                "last_date": last_date,
                "location_id": place_id,
                "address": None if place_id else f"Speelveld {n % 40 + 1}, Dordrecht",
                "organisation_id": None if by_resident else organisations[n % len(organisations)],
                "organiser_id": residents[n % len(residents)] if by_resident else None,
                "show_organiser_name": by_resident and n % 2 == 0,
                "created_by_id": residents[n % len(residents)] if by_resident else None,
                "target_group": target,
                "languages_csv": "," + ",".join(languages) + ",",
                "is_free": n % 5 != 0,
                "cost": "€ 2" if n % 5 == 0 else None,
                "accessibility": "Rolstoeltoegankelijk" if n % 4 == 0 else None,
                "registration_enabled": registration,
                "capacity": rng.randint(4, 30) if registration else None,
                "created_at": created,
                "updated_at": created,
            }
        )
        extras.append((categories.get(category), overrides))
    ids = insert_returning_ids(Activity, rows)
    insert_rows(
        activity_categories,
        (
            {"activity_id": aid, "category_id": cat}
            for aid, (cat, _) in zip(ids, extras, strict=True)
            if cat is not None
        ),
    )
    insert_rows(
        OccurrenceOverride,
        (
            {**o, "activity_id": aid}
            for aid, (_, changed) in zip(ids, extras, strict=True)
            for o in changed
        ),
    )
    # Core inserts pass by the flush listener: write their occurrences as an edit would.
    rewrite_activities(db.session.connection(), ids)
    insert_rows(
        ActivityChange,
        (
            {
                "activity_id": aid,
                "user_id": row["created_by_id"],
                "action": "created",
                "changes": {"title": [None, row["title"]]},
                "created_at": created,
            }
            for aid, row in zip(ids, rows, strict=True)
        ),
    )
    _signups(rng, ids, rows, extras, residents, now_local)


def _changed_dates(
    rng: random.Random, start: datetime, end: datetime, rule: str, now_local: datetime
) -> list[dict]:
    """Cancel one or two of the coming dates of a series and move another by a day."""
    transient = Activity(start_local=start, end_local=end, rrule=rule)
    coming = local_starts(transient, now_local, now_local + timedelta(days=56))
    if not coming:
        return []
    picked = rng.sample(coming, k=min(len(coming), rng.randint(1, 3)))
    changes = []
    for n, key in enumerate(sorted(picked)):
        cancel = n != 1
        changes.append(
            {
                "original_start": key,
                "cancelled": cancel,
                "new_start": None if cancel else key + timedelta(days=1),
                "new_end": None if cancel else key + timedelta(days=1) + (end - start),
                "reason": "De zaal is bezet." if cancel else "Verplaatst naar de dag erna.",
                "created_at": utcnow(),
            }
        )
    return changes


def _signups(
    rng: random.Random,
    ids: list[int],
    rows: list[dict],
    extras: list[tuple],
    residents: list[int],
    now_local: datetime,
) -> None:
    """Give the coming occurrences of activities with sign-up places, some a waiting list."""
    if not residents:
        return
    slots, plans = [], []
    for aid, row, (_, changed) in zip(ids, rows, extras, strict=True):
        if not row["registration_enabled"] or row["status"] != PUBLISHED:
            continue
        transient = Activity(start_local=row["start_local"], end_local=row["end_local"])
        transient.rrule = row["rrule"]
        cancelled = {o["original_start"] for o in changed if o["cancelled"]}
        coming = [
            key
            for key in local_starts(transient, now_local, now_local + timedelta(days=60))
            if key not in cancelled
        ][:SIGNED_UP_OCCURRENCES]
        for key in coming:
            slots.append({"activity_id": aid, "original_start": key})
            plans.append(row["capacity"])
    slot_ids = insert_returning_ids(OccurrenceSlot, slots)
    signups = []
    base = utcnow() - timedelta(days=10)
    for slot_id, capacity in zip(slot_ids, plans, strict=True):
        # Some occurrences are full with people waiting, most have places left.
        wanted = rng.randint(0, capacity + 6) if rng.random() < 0.4 else rng.randint(0, capacity)
        people = rng.sample(residents, k=min(len(residents), wanted + 2))
        for n, user_id in enumerate(people):
            if n < min(wanted, capacity):
                status = CONFIRMED
            elif n < wanted:
                status = WAITING
            else:
                status = CANCELLED  # signed up and cancelled again, earlier
            signups.append(
                {
                    "slot_id": slot_id,
                    "user_id": user_id,
                    "status": status,
                    "via_series": n % 4 == 0,
                    "created_at": base + timedelta(minutes=n),
                    "reminded_at": None,
                }
            )
    insert_rows(Signup, signups)
