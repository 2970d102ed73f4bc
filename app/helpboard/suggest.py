"""Feed the ranking function from the database: suggested volunteers, questions for me."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

from sqlalchemy import select

from app.core.models import utcnow
from app.extensions import db
from app.helpboard.matching import Candidate, Match, Need, rank_questions, rank_volunteers
from app.helpboard.models import OPEN, Question, VolunteerProfile
from app.helpboard.queries import ROUND_GRID, candidate_rows, candidate_skills, open_load
from app.helpboard.visibility import is_sensitive, sensitive_sql
from app.neighbourhoods.models import Neighbourhood
from app.taxonomy.models import Category


def need_for(question: Question) -> Need:
    """Return what ``question`` asks for; without coordinates, its neighbourhood's centre."""
    lat, lon = question.latitude, question.longitude
    if lat is None and question.neighbourhood is not None and question.neighbourhood.centre:
        lat, lon = question.neighbourhood.centre
    return Need(
        category_id=question.category_id,
        language=question.language or "nl",
        parts_of_day=tuple(question.parts_of_day or ()),
        latitude=lat,
        longitude=lon,
    )


def candidate_from(profile: VolunteerProfile, open_count: int, last_helped_at) -> Candidate:
    if last_helped_at is not None and last_helped_at.tzinfo is None:
        last_helped_at = last_helped_at.replace(tzinfo=UTC)  # SQLite keeps no time zone
    lat, lon = profile.latitude, profile.longitude
    if lat is None and profile.neighbourhood is not None and profile.neighbourhood.centre:
        lat, lon = profile.neighbourhood.centre
    return Candidate(
        user_id=profile.user_id,
        name=profile.user.name,
        skills=frozenset(c.id for c in profile.skills),
        languages=frozenset(profile.languages or ()),
        availability=frozenset(profile.availability or ()),
        latitude=lat,
        longitude=lon,
        open_count=int(open_count or 0),
        max_open=profile.max_open,
        last_helped_at=last_helped_at,
    )


def load_candidates(
    exclude_user_id: int | None = None, *, category_id: int | None = None
) -> list[Candidate]:
    """Return every vetted, unblocked volunteer with room as a ranking candidate.

    Three small queries whatever the number of volunteers: their columns, their skills and the
    neighbourhoods' centres. With ``category_id`` only that skill is read: a candidate's
    ``skills`` then holds that category or nothing, all the ranking of one question asks.
    """
    skills: dict[int, set[int]] = {}
    for user_id, skill in db.session.execute(candidate_skills(category_id)):
        skills.setdefault(user_id, set()).add(skill)
    centres = {n.id: n.centre for n in db.session.scalars(select(Neighbourhood))}
    candidates = []
    for row in db.session.execute(candidate_rows()):
        if row.user_id == exclude_user_id:
            continue
        last_helped_at = row.last_helped_at
        if last_helped_at is not None and last_helped_at.tzinfo is None:
            last_helped_at = last_helped_at.replace(tzinfo=UTC)  # SQLite keeps no time zone
        lat, lon = row.latitude, row.longitude
        centre = centres.get(row.neighbourhood_id)
        if lat is None and centre:
            lat, lon = centre
        candidates.append(
            Candidate(
                user_id=row.user_id,
                name=row.name,
                skills=frozenset(skills.get(row.user_id, ())),
                languages=frozenset(row.languages or ()),
                availability=frozenset(row.availability or ()),
                latitude=lat,
                longitude=lon,
                open_count=int(row.open_count or 0),
                max_open=row.max_open,
                last_helped_at=last_helped_at,
            )
        )
    return candidates


def suggested_volunteers(question: Question, limit: int | None = 10) -> list[Match]:
    """Return the best volunteers for ``question``; none for sensitive questions."""
    if is_sensitive(question):
        return []
    return rank_volunteers(
        need_for(question),
        load_candidates(exclude_user_id=question.requester_id, category_id=question.category_id),
        utcnow(),
        limit,
    )


def questions_for(user, limit: int | None = None) -> list[tuple[int, Match]]:
    """Return the open, visible questions that fit a vetted volunteer best, best first."""
    profile = db.session.scalar(select(VolunteerProfile).where(VolunteerProfile.user_id == user.id))
    if profile is None or not profile.is_vetted:
        return []
    candidate = candidate_from(profile, open_load(user.id), None)
    questions = db.session.scalars(
        select(Question)
        .join(Category, Category.id == Question.category_id)
        .where(
            Question.status == OPEN,
            Question.in_triage.is_(False),
            Question.hidden_at.is_(None),
            ~sensitive_sql(),
            Question.requester_id.is_distinct_from(user.id),
        )
        .order_by(Question.created_at.desc())
        .limit(200)
    ).all()
    # The volunteer does not help with these yet: distances come from the rounded location.
    needs = [(r.id, rounded(need_for(r))) for r in questions]
    return rank_questions(candidate, needs, utcnow(), limit)


def rounded(need: Need) -> Need:
    """Return ``need`` with its location on the same grid others see (a few hundred metres)."""
    if need.latitude is None or need.longitude is None:
        return need
    return replace(
        need,
        latitude=round(need.latitude * ROUND_GRID) / ROUND_GRID,
        longitude=round(need.longitude * ROUND_GRID) / ROUND_GRID,
    )
