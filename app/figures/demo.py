"""Demo history for the figures: a year of past questions in Crabbehof, so the figures say something.

The board's own demo (app/helpboard/demo.py) holds the last three weeks only. This adds about
25 questions a month for the past year, spread unevenly over the categories (so that some cells
of a quarter reach 10 and others show "<10"), most picked up by the demo volunteers within hours,
most of those done with the resident's answer, and some referrals to services of the map. Past
questions are anonymised, as the retention job leaves them. A few hundred rows, added in one
flush: ``make run`` stays fast.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import CLOSED, DONE, Question, QuestionEvent, Referral, VolunteerProfile
from app.neighbourhoods.models import Neighbourhood
from app.servicemap.models import Service
from app.taxonomy.models import Category

# Category slug → weight: money and paperwork questions come often, pests rarely.
WEIGHTS = {
    "money-and-debt": 6,
    "forms-and-paperwork": 6,
    "language-and-learning": 3,
    "company-and-walks": 3,
    "odd-jobs": 2,
    "health-and-care": 2,
    "parenting-and-youth": 1,
    "work-and-day-activities": 1,
    "food": 1,
    "rats-and-pests": 1,
}
MONTHS = 12
# The title of every past question this demo adds (the city demo test leaves them out by it).
HISTORY_TITLE = "Vraag van vroeger"
PER_MONTH = 25


def load(scale: str = "neighbourhood", factor: float = 1.0) -> None:
    """Add a year of past, anonymised questions in Crabbehof with claims, answers and referrals."""
    rng = random.Random(13)
    crabbehof = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "crabbehof"))
    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    helpers = list(
        db.session.scalars(
            select(User)
            .join(VolunteerProfile, VolunteerProfile.user_id == User.id)
            .where(VolunteerProfile.vetted_on.is_not(None))
        )
    )
    professional = db.session.scalar(
        select(User).where(User.email == "sociale-dienst@wijkplein.example")
    )
    services = list(db.session.scalars(select(Service).where(Service.is_active.is_(True))))
    if crabbehof is None or not helpers:
        return
    slugs = [s for s in WEIGHTS if s in categories]
    weights = [WEIGHTS[s] for s in slugs]
    now = utcnow()
    questions: list[tuple[Question, bool]] = []
    for day in range(21, 30 * MONTHS):
        if rng.random() > PER_MONTH / 30:
            continue
        created = now - timedelta(days=day, hours=rng.randint(0, 12))
        picked = rng.random() < 0.85
        status = DONE if picked and rng.random() < 0.9 else CLOSED
        question = Question(
            title=HISTORY_TITLE,
            description="",
            category_id=categories[rng.choices(slugs, weights)[0]].id,
            neighbourhood_id=crabbehof.id,
            language=rng.choice(["nl", "nl", "nl", "tr", "ar", "pl"]),
            status=status,
            created_at=created,
            opened_at=created,
            finished_at=created + timedelta(days=rng.randint(1, 6)),
            close_reason=None if status == DONE else "no_answer",
            helped=rng.choice(["yes", "yes", "yes", "partly", "no"]) if status == DONE else None,
            anonymised_at=created + timedelta(days=7),
        )
        if professional is not None and rng.random() < 0.2:
            question.on_behalf_by_id, question.consent_at = professional.id, created
        questions.append((question, picked))
    db.session.add_all([q for q, _ in questions])
    db.session.flush()
    for question, picked in questions:
        if not picked:
            continue
        helper = rng.choice(helpers)
        db.session.add(
            QuestionEvent(
                question_id=question.id,
                actor_id=helper.id,
                action="claimed",
                created_at=question.created_at + timedelta(hours=rng.randint(1, 72)),
            )
        )
        if services and rng.random() < 0.4:
            db.session.add(
                Referral(
                    question_id=question.id,
                    service_id=rng.choice(services).id,
                    created_at=question.finished_at,
                )
            )
    db.session.flush()
