"""The figures' reads: only counts, in a fixed number of queries whatever the data size.

Each function reads one period of one neighbourhood (None: all together) and returns plain
numbers keyed by what they count; nothing here returns a row about a person. Times are compared
in UTC (how the timestamps are stored) and activity dates in local wall time (how those are).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, case, cast, func, select

from app.activities.models import CANCELLED, CONFIRMED, WAITING, Activity, OccurrenceSlot, Signup
from app.activities.queries import Filters, occurrences_between
from app.extensions import db
from app.figures.periods import Period
from app.helpboard.models import CLOSED, DONE, Question, QuestionEvent, Referral, VolunteerProfile
from app.organisations.models import Organisation
from app.servicemap.models import Service
from app.taxonomy.models import Category

CLAIM_ACTIONS = ("claimed", "assigned")
# Waiting times longer than this count as this long (the histogram stays bounded).
LONGEST_WAIT_HOURS = 24 * 90
# "removed": the question was anonymised (app/helpboard/privacy.py), so who asked is not known.
CHANNELS = ("resident", "guest", "on_behalf", "removed")


@dataclass
class QuestionCounts:
    """Questions of one period, counted by category, language and channel."""

    put_out: Counter[int] = field(default_factory=Counter)  # per category id
    picked_up: Counter[int] = field(default_factory=Counter)
    done: Counter[int] = field(default_factory=Counter)
    closed_unanswered: Counter[int] = field(default_factory=Counter)
    by_language: Counter[str] = field(default_factory=Counter)
    by_channel: Counter[str] = field(default_factory=Counter)
    helped: Counter[str] = field(default_factory=Counter)  # yes / partly / no
    wait_hours: Counter[int] = field(default_factory=Counter)  # hours to first claim → questions


def _rows(stmt: Any) -> list[Any]:
    """Run ``stmt`` and return its rows (counts and the keys they are grouped by)."""
    return list(db.session.execute(stmt))


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _first_claims() -> Any:
    """A subquery: each question's first claim (by a volunteer, or assigned by a professional)."""
    return (
        select(QuestionEvent.question_id, func.min(QuestionEvent.created_at).label("at"))
        .where(QuestionEvent.action.in_(CLAIM_ACTIONS))
        .group_by(QuestionEvent.question_id)
        .subquery()
    )


def _hours(later: Any, earlier: Any) -> Any:
    """Whole hours between two timestamp columns, on SQLite and PostgreSQL alike."""
    hours: Any
    if db.session.get_bind().dialect.name == "postgresql":
        hours = func.floor(func.extract("epoch", later - earlier) / 3600)
    else:
        # julianday is a float: 10 hours come out as 9.99999…, so nudge before truncating.
        hours = (func.julianday(later) - func.julianday(earlier)) * 24 + 0.0001
    return cast(
        case((hours > LONGEST_WAIT_HOURS, LONGEST_WAIT_HOURS), (hours < 0, 0), else_=hours),
        Integer,
    )


def _in_area(stmt: Any, neighbourhood_id: int | None) -> Any:
    return (
        stmt
        if neighbourhood_id is None
        else stmt.where(Question.neighbourhood_id == neighbourhood_id)
    )


def question_counts(period: Period, neighbourhood_id: int | None) -> QuestionCounts:
    """Count the questions put out, picked up, done and closed unanswered (four queries)."""
    start, end = _utc(period.start), _utc(period.end)
    counts = QuestionCounts()
    channel = case(
        (Question.on_behalf_by_id.is_not(None), "on_behalf"),
        (Question.requester_id.is_not(None), "resident"),
        (Question.anonymised_at.is_not(None), "removed"),
        else_="guest",
    )
    put_out = _in_area(
        select(Question.category_id, Question.language, channel, func.count())
        .where(Question.created_at >= start, Question.created_at < end)
        .group_by(Question.category_id, Question.language, channel),
        neighbourhood_id,
    )
    for category_id, language, route, number in _rows(put_out):
        counts.put_out[category_id] += number
        counts.by_language[language] += number
        counts.by_channel[route] += number

    first = _first_claims()
    wait = _hours(first.c.at, func.coalesce(Question.opened_at, Question.created_at))
    claimed = _in_area(
        select(Question.category_id, wait, func.count())
        .join(first, first.c.question_id == Question.id)
        .where(first.c.at >= start, first.c.at < end)
        .group_by(Question.category_id, wait),
        neighbourhood_id,
    )
    for category_id, hours, number in _rows(claimed):
        counts.picked_up[category_id] += number
        counts.wait_hours[int(hours or 0)] += number

    was_claimed = first.c.question_id.is_not(None)
    finished = _in_area(
        select(Question.category_id, Question.status, was_claimed, Question.helped, func.count())
        .outerjoin(first, first.c.question_id == Question.id)
        .where(Question.finished_at >= start, Question.finished_at < end)
        .where(Question.status.in_((DONE, CLOSED)))
        .group_by(Question.category_id, Question.status, was_claimed, Question.helped),
        neighbourhood_id,
    )
    for category_id, status, had_claim, helped, number in _rows(finished):
        if status == DONE:
            counts.done[category_id] += number
            if helped:
                counts.helped[helped] += number
        elif not had_claim:
            counts.closed_unanswered[category_id] += number
    return counts


def categories() -> list[Category]:
    """Every category, in the order of the lists (one query)."""
    return list(db.session.scalars(select(Category).order_by(Category.sort_order, Category.id)))


def referrals_by_organisation(period: Period, neighbourhood_id: int | None) -> Counter[str]:
    """Count referrals to the map's services per receiving organisation (one query)."""
    stmt = _in_area(
        select(Organisation.name, func.count(Referral.id))
        .join(Service, Service.id == Referral.service_id)
        .join(Organisation, Organisation.id == Service.organisation_id)
        .join(Question, Question.id == Referral.question_id)
        .where(Referral.created_at >= _utc(period.start), Referral.created_at < _utc(period.end))
        .group_by(Organisation.name),
        neighbourhood_id,
    )
    return Counter({name: number for name, number in _rows(stmt)})


@dataclass
class ActivityCounts:
    """Activities of one period: how many took place, the places and who signed up."""

    held: int = 0
    held_per_pillar: Counter[str] = field(default_factory=Counter)
    with_signup: int = 0
    places: int = 0
    signed_up: int = 0
    waiting: int = 0
    proposed_by_residents: int = 0


def activity_counts(period: Period, neighbourhood_id: int | None) -> ActivityCounts:
    """Count occurrences held, places, sign-ups and residents' proposals (a bounded few queries)."""
    counts = ActivityCounts()
    occurrences = occurrences_between(
        period.start,
        period.end,
        Filters(neighbourhood_id=neighbourhood_id),
        include_cancelled=False,
        with_categories=True,
    )
    for occurrence in occurrences:
        activity = occurrence.activity
        counts.held += 1
        for pillar in {c.pillar or "" for c in activity.categories} or {""}:
            counts.held_per_pillar[pillar] += 1
        if activity.registration_enabled and activity.capacity:
            counts.with_signup += 1
            counts.places += activity.capacity
    first = period.start.replace(tzinfo=None)
    after = period.end.replace(tzinfo=None)
    signups = (
        select(Signup.status, func.count())
        .join(OccurrenceSlot, OccurrenceSlot.id == Signup.slot_id)
        .join(Activity, Activity.id == OccurrenceSlot.activity_id)
        .where(OccurrenceSlot.original_start >= first, OccurrenceSlot.original_start < after)
        .where(Signup.status != CANCELLED)
        .group_by(Signup.status)
    )
    proposals = select(func.count(Activity.id)).where(
        Activity.organisation_id.is_(None),
        Activity.created_at >= _utc(period.start),
        Activity.created_at < _utc(period.end),
    )
    if neighbourhood_id is not None:
        signups = signups.where(Activity.neighbourhood_id == neighbourhood_id)
        proposals = proposals.where(Activity.neighbourhood_id == neighbourhood_id)
    for status, number in _rows(signups):
        if status == CONFIRMED:
            counts.signed_up += number
        elif status == WAITING:
            counts.waiting += number
    counts.proposed_by_residents = db.session.scalar(proposals) or 0
    return counts


def services_checked(now: datetime, days: int = 180) -> dict[str, tuple[int, int]]:
    """Per organisation: (services on the map, of which checked in the last ``days``); one query."""
    recent = Service.last_verified_at >= _utc(now) - timedelta(days=days)
    stmt = (
        select(
            Organisation.name,
            func.count(Service.id),
            func.sum(case((recent, 1), else_=0)),
        )
        .join(Organisation, Organisation.id == Service.organisation_id)
        .where(Service.is_active.is_(True))
        .group_by(Organisation.name)
        .order_by(Organisation.name)
    )
    return {name: (total, int(checked or 0)) for name, total, checked in _rows(stmt)}


def volunteer_counts(period: Period, neighbourhood_id: int | None) -> tuple[int, int]:
    """Return (volunteers who picked up a question in the period, vetted volunteers); two queries."""
    active = _in_area(
        select(func.count(func.distinct(QuestionEvent.actor_id)))
        .join(Question, Question.id == QuestionEvent.question_id)
        .where(QuestionEvent.action == "claimed")
        .where(
            QuestionEvent.created_at >= _utc(period.start),
            QuestionEvent.created_at < _utc(period.end),
        ),
        neighbourhood_id,
    )
    vetted = select(func.count(VolunteerProfile.id)).where(
        VolunteerProfile.vetted_on.is_not(None), VolunteerProfile.vetted_on <= period.last
    )
    if neighbourhood_id is not None:
        vetted = vetted.where(VolunteerProfile.neighbourhood_id == neighbourhood_id)
    return db.session.scalar(active) or 0, db.session.scalar(vetted) or 0
