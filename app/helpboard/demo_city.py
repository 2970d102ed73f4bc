"""A whole city's question board (``flask demo load --scale city``).

Volunteer profiles for the city's volunteers (most vetted), 50,000 questions in every state with
200,000 messages (app/helpboard/demo_city_questions.py), referrals to the map's services,
internal notes on sensitive questions and reports for the moderators. Generated with a seeded
``random.Random`` and written with SQLAlchemy Core in batches (app/core/bulk.py).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from app.accounts.demo_city import city_user_ids
from app.accounts.roles import PROFESSIONAL, RESIDENT, VOLUNTEER
from app.core.bulk import insert_returning_ids, insert_rows, scaled
from app.core.models import utcnow
from app.extensions import db
from app.helpboard import demo_city_questions as questions
from app.helpboard.models import (
    DONE,
    WEEKDAYS,
    InternalNote,
    Referral,
    Report,
    VolunteerProfile,
    volunteer_skills,
)
from app.neighbourhoods.demo import areas
from app.servicemap.models import Service
from app.taxonomy.models import Category

QUESTIONS = 50_000
MESSAGES = 200_000
VETTED_SHARE = 0.75
REFERRAL_EVERY = 12  # of the done questions
REPORTS = 300
LANGUAGES = ("tr", "ar", "pl", "en", "uk", "so")


def load(factor: float) -> None:
    """Add the city's volunteer profiles, questions, messages, referrals, notes and reports."""
    rng = random.Random(17)
    now = utcnow()
    boxes = areas()
    professionals = city_user_ids(PROFESSIONAL)
    residents = city_user_ids(RESIDENT)
    if not professionals or not residents or not boxes:
        return
    board = list(
        db.session.execute(
            select(Category.id, Category.is_sensitive, Category.scopes).where(
                Category.is_public_space.is_(False)
            )
        )
    )
    categories = [(cid, sensitive) for cid, sensitive, scopes in board if "board" in scopes]
    room = _profiles(rng, city_user_ids(VOLUNTEER), professionals, categories, boxes)
    people = questions.People(residents=residents, professionals=professionals, room=room)
    rows = questions.make_questions(rng, scaled(QUESTIONS, factor), people, categories, boxes, now)
    ids = questions.insert_questions(rows)
    questions.insert_messages(rng, scaled(MESSAGES, factor), ids, rows, now)
    _referrals_notes_reports(rng, ids, rows, professionals, residents, dict(categories), factor)


def _profiles(
    rng: random.Random,
    volunteers: list[int],
    professionals: list[int],
    categories: list[tuple[int, bool]],
    boxes: list,
) -> dict[int, int]:
    """Add a profile per volunteer; return the vetted ones with their maximum of questions."""
    today = date.today()
    skills = [cid for cid, sensitive in categories if not sensitive]
    rows, vetted = [], {}
    for n, user_id in enumerate(volunteers):
        area = boxes[rng.randrange(len(boxes))]
        lat, lon = area.point(rng)
        is_vetted = rng.random() < VETTED_SHARE
        max_open = rng.randint(1, 5)
        slots = {f"{rng.choice(WEEKDAYS)}-{rng.choice(('morning', 'afternoon', 'evening'))}"}
        slots |= {f"{rng.choice(WEEKDAYS)}-evening" for _ in range(n % 2)}
        rows.append(
            {
                "user_id": user_id,
                "languages": ["nl", *rng.sample(LANGUAGES, k=rng.randint(0, 2))],
                "availability": sorted(slots),
                "neighbourhood_id": area.id,
                "latitude": lat,
                "longitude": lon,
                "max_open": max_open,
                "notify_mode": rng.choice(("instant", "instant", "digest", "none")),
                "vetted_on": today - timedelta(days=rng.randint(5, 700)) if is_vetted else None,
                "vetted_by_id": professionals[n % len(professionals)] if is_vetted else None,
            }
        )
        if is_vetted:
            vetted[user_id] = max_open
    profile_ids = insert_returning_ids(VolunteerProfile, rows)
    insert_rows(
        volunteer_skills,
        (
            {"profile_id": pid, "category_id": cid}
            for pid in profile_ids
            for cid in rng.sample(skills, k=min(len(skills), rng.randint(1, 3)))
        ),
    )
    return vetted


def _referrals_notes_reports(
    rng: random.Random,
    ids: list[int],
    rows: list[dict],
    professionals: list[int],
    residents: list[int],
    sensitive: dict[int, bool],
    factor: float,
) -> None:
    """Point some done questions to a service, note on sensitive ones, report a few."""
    services = list(
        db.session.scalars(select(Service.id).where(Service.is_active.is_(True)).limit(2000))
    )
    done = [(qid, row) for qid, row in zip(ids, rows, strict=True) if row["status"] == DONE]
    if services:
        insert_rows(
            Referral,
            (
                {
                    "question_id": qid,
                    "author_id": row["helper_id"],
                    "service_id": services[n % len(services)],
                    "note": "Hier kun je terecht.",
                    "created_at": row["finished_at"],
                }
                for n, (qid, row) in enumerate(done)
                if n % REFERRAL_EVERY == 0
            ),
        )
    insert_rows(
        InternalNote,
        (
            {
                "question_id": qid,
                "author_id": professionals[qid % len(professionals)],
                "body": "Doorverwezen naar het spreekuur van het wijkteam.",
                "created_at": row["created_at"] + timedelta(hours=1),
            }
            for qid, row in zip(ids, rows, strict=True)
            if sensitive.get(row["category_id"])
        ),
    )
    reported = rng.sample(range(len(ids)), k=min(len(ids), scaled(REPORTS, factor)))
    now = utcnow()
    insert_rows(
        Report,
        (
            {
                "question_id": ids[index],
                "message_id": None,
                "reporter_id": residents[index % len(residents)],
                "reason": "Dit lijkt reclame.",
                "created_at": rows[index]["created_at"] + timedelta(hours=3),
                "handled_at": now if n % 3 else None,
                "handled_by_id": professionals[0] if n % 3 else None,
                "outcome": "Niets aan de hand." if n % 3 else None,
            }
            for n, index in enumerate(reported)
        ),
    )
