"""Reads of the activities part; access rules live in these queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from flask import url_for
from sqlalchemy import Select, and_, exists, or_, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.accounts.models import User
from app.activities.models import (
    CANCELLED,
    PROPOSED,
    PUBLISHED,
    Activity,
    ActivityChange,
    OccurrenceOverride,
    OccurrenceSlot,
    Signup,
    StoredOccurrence,
    activity_categories,
)
from app.activities.occurrences import (
    LONGEST_OCCURRENCE,
    as_utc,
    covers,
    horizon,
    occurrence_of,
)
from app.activities.recurrence import Occurrence, expand, expand_many
from app.extensions import db
from app.media.models import Image
from app.organisations.models import Organisation
from app.places.models import Location
from app.taxonomy.models import Category


@dataclass
class Filters:
    """What a visitor narrowed the agenda down to (all optional)."""

    category: str | None = None  # a category slug
    target_group: str | None = None
    language: str | None = None
    free: bool = False
    location_id: int | None = None
    neighbourhood_id: int | None = None


def published_activities(
    filters: Filters | None = None, first: date | None = None, last: date | None = None
) -> Select[tuple[Activity]]:
    """Select published activities that can take place between ``first`` and ``last``.

    Run it with :func:`load_activities`, which adds places, organisers, overrides and
    categories in one query each, however many activities there are.
    """
    filters = filters or Filters()
    stmt = select(Activity).where(Activity.status == PUBLISHED).order_by(Activity.id)
    if last is not None:
        stmt = stmt.where(Activity.first_date <= last)
    if first is not None:
        stmt = stmt.where(or_(Activity.last_date.is_(None), Activity.last_date >= first))
    if filters.category:
        stmt = stmt.where(
            exists()
            .where(activity_categories.c.activity_id == Activity.id)
            .where(activity_categories.c.category_id == Category.id)
            .where(Category.slug == filters.category)
        )
    if filters.target_group:
        stmt = stmt.where(Activity.target_group == filters.target_group)
    if filters.language:
        stmt = stmt.where(Activity.languages_csv.contains(f",{filters.language},"))
    if filters.free:
        stmt = stmt.where(Activity.is_free.is_(True))
    if filters.location_id:
        stmt = stmt.where(Activity.location_id == filters.location_id)
    if filters.neighbourhood_id:
        stmt = stmt.where(Activity.neighbourhood_id == filters.neighbourhood_id)
    return stmt


def load_activities(
    stmt: Select[tuple[Activity]], *, with_categories: bool = False
) -> list[Activity]:
    """Run ``stmt`` and attach what the agenda shows, in six queries for any number of rows.

    (``selectinload`` sends one query per 500 activities, and joins repeat a place per row.)
    """
    activities = list(db.session.scalars(stmt).unique())
    if not activities:
        return activities
    related: list[tuple[str, Any, str]] = [
        ("location", Location, "location_id"),
        ("organisation", Organisation, "organisation_id"),
        ("organiser", User, "organiser_id"),
        ("image", Image, "image_id"),
    ]
    for attribute, model, key in related:
        wanted = {getattr(a, key) for a in activities} - {None}
        found: dict[int, Any] = {}
        if wanted:
            rows: list[Any] = list(db.session.scalars(select(model).where(model.id.in_(wanted))))
            found = {item.id: item for item in rows}
        for activity in activities:
            set_committed_value(activity, attribute, found.get(getattr(activity, key)))
    ids = stmt.with_only_columns(Activity.id).order_by(None).scalar_subquery()
    overrides: dict[int, list[OccurrenceOverride]] = {a.id: [] for a in activities}
    for override in db.session.scalars(
        select(OccurrenceOverride).where(OccurrenceOverride.activity_id.in_(ids))
    ):
        overrides.setdefault(override.activity_id, []).append(override)
    for activity in activities:
        activity.preload_overrides(overrides[activity.id])
    if not with_categories:
        return activities
    categories: dict[int, list[Category]] = {a.id: [] for a in activities}
    for row in db.session.execute(
        select(activity_categories.c.activity_id, Category)
        .join(Category, Category.id == activity_categories.c.category_id)
        .where(activity_categories.c.activity_id.in_(ids))
        .order_by(Category.sort_order)
    ):
        categories.setdefault(cast(int, row[0]), []).append(cast(Category, row[1]))
    for activity in activities:
        set_committed_value(activity, "categories", categories[activity.id])
    return activities


# What a page needs of a stored occurrence (plain rows: cheaper than ORM objects by the thousand).
OCCURRENCE_COLUMNS = (
    StoredOccurrence.activity_id,
    StoredOccurrence.original_start,
    StoredOccurrence.starts_at,
    StoredOccurrence.ends_at,
    StoredOccurrence.cancelled,
    StoredOccurrence.moved,
    StoredOccurrence.reason,
)


def _window(start: datetime, end: datetime, *, include_cancelled: bool) -> list[Any]:
    """The conditions on ``activity_occurrences`` for what overlaps ``[start, end)``."""
    conditions: list[Any] = [
        # The lower bound keeps the scan of the starts_at index to the window itself.
        StoredOccurrence.starts_at >= as_utc(start) - LONGEST_OCCURRENCE,
        StoredOccurrence.starts_at < as_utc(end),
        StoredOccurrence.ends_at > as_utc(start),
    ]
    if not include_cancelled:
        conditions.append(StoredOccurrence.cancelled.is_(False))
    return conditions


def stored(start: datetime, end: datetime) -> bool:
    """Tell whether the occurrences table holds every occurrence overlapping ``[start, end)``."""
    return covers(horizon(db.session.connection()), start, end)


def occurrences_between(
    start: datetime,
    end: datetime,
    filters: Filters | None = None,
    *,
    include_cancelled: bool = True,
    with_categories: bool = False,
) -> list[Occurrence]:
    """Return the published occurrences in ``[start, end)`` matching ``filters``, by start.

    Read from the occurrences table (one indexed range) inside its horizon; expanded from the
    rules outside it (:mod:`app.activities.occurrences`).
    """
    if not stored(start, end):
        activities = load_activities(
            published_activities(filters, start.date(), end.date()),
            with_categories=with_categories,
        )
        return expand_many(activities, start, end, include_cancelled=include_cancelled)
    window = _window(start, end, include_cancelled=include_cancelled)
    activities = load_activities(
        published_activities(filters, start.date(), end.date()),
        with_categories=with_categories,
    )
    by_id = {activity.id: activity for activity in activities}
    published = published_activities(filters).with_only_columns(Activity.id).order_by(None)
    rows = db.session.execute(
        select(*OCCURRENCE_COLUMNS)
        .where(*window)
        # "+ 0": no index on activity_id, so the database walks the window's starts_at range.
        .where((StoredOccurrence.activity_id + 0).in_(published))
        .order_by(StoredOccurrence.starts_at, StoredOccurrence.id)
    )
    keyed = []
    for row in rows:
        activity = by_id.get(row.activity_id)
        if activity is not None:
            occ = occurrence_of(activity, row)
            keyed.append((occ.start.timestamp(), activity.title, activity.id, occ))
    keyed.sort(key=lambda item: item[:3])  # as expand_many sorts: the same on both databases
    return [item[3] for item in keyed]


def upcoming_occurrences(
    activity: Activity, start: datetime, end: datetime, limit: int
) -> list[Occurrence]:
    """Return the first ``limit`` occurrences of one activity in ``[start, end)``, by start."""
    if not stored(start, end):
        return expand(activity, start, end)[:limit]
    rows = db.session.execute(
        select(*OCCURRENCE_COLUMNS)
        .where(StoredOccurrence.activity_id == activity.id)
        .where(*_window(start, end, include_cancelled=True))
        .order_by(StoredOccurrence.starts_at, StoredOccurrence.id)
        .limit(limit)
    )
    return [occurrence_of(activity, row) for row in rows]


def occurrences_at_location(location_id: int, start: datetime, end: datetime) -> list[dict]:
    """Return what happens at a location of the map between two aware datetimes.

    For the service page of the social map: each item has ``title``, ``start``, ``end`` (aware
    datetimes), ``url`` and ``cancelled``.
    """
    found = occurrences_between(start, end, Filters(location_id=location_id))
    return [
        {
            "title": occ.activity.title,
            "start": occ.start,
            "end": occ.end,
            "cancelled": occ.cancelled,
            "url": url_for(
                "activities.detail", activity_id=occ.activity.id, slug=occ.activity.slug
            ),
        }
        for occ in found
    ]


def activity_for_page(activity_id: int) -> Activity | None:
    """Load one activity with what its page shows."""
    return db.session.scalar(
        select(Activity)
        .where(Activity.id == activity_id)
        .options(
            selectinload(Activity.overrides),
            selectinload(Activity.categories),
            selectinload(Activity.location),
            selectinload(Activity.organisation),
            selectinload(Activity.organiser),
            selectinload(Activity.image),
        )
    )


def signups_of_user(activity_id: int, user_id: int) -> Select[tuple[Signup]]:
    """Select a person's live sign-ups for one activity (with their occurrence)."""
    return (
        select(Signup)
        .join(OccurrenceSlot)
        .where(OccurrenceSlot.activity_id == activity_id)
        .where(Signup.user_id == user_id)
        .where(Signup.status != CANCELLED)
        .options(selectinload(Signup.slot))
    )


def slot_counts(activity_id: int) -> dict[datetime, tuple[int, int]]:
    """Return {original start: (confirmed, waiting)} for one activity's occurrences."""
    rows = db.session.execute(
        select(OccurrenceSlot.original_start, Signup.status, db.func.count(Signup.id))
        .join(Signup, Signup.slot_id == OccurrenceSlot.id)
        .where(OccurrenceSlot.activity_id == activity_id)
        .where(Signup.status != CANCELLED)
        .group_by(OccurrenceSlot.original_start, Signup.status)
    ).all()
    counts: dict[datetime, tuple[int, int]] = {}
    for key, status, count in rows:
        assert isinstance(key, datetime)
        confirmed, waiting = counts.get(key, (0, 0))
        if status == "confirmed":
            confirmed += cast(int, count)
        else:
            waiting += cast(int, count)
        counts[key] = (confirmed, waiting)
    return counts


def attendees(activity_id: int, key: datetime) -> Select[tuple[Signup]]:
    """Select the sign-ups of one occurrence: confirmed first, then the waiting list in order."""
    return (
        select(Signup)
        .join(OccurrenceSlot)
        .where(OccurrenceSlot.activity_id == activity_id)
        .where(OccurrenceSlot.original_start == key)
        .where(Signup.status != CANCELLED)
        .options(selectinload(Signup.user))
        .order_by((Signup.status == "waiting").asc(), Signup.created_at, Signup.id)
    )


def proposals() -> Select[tuple[Activity]]:
    """Select the activities waiting for a moderator, oldest first."""
    return (
        select(Activity)
        .where(Activity.status == PROPOSED)
        .options(
            selectinload(Activity.created_by),
            selectinload(Activity.location),
            selectinload(Activity.image),
        )
        .order_by(Activity.created_at, Activity.id)
    )


def history(activity_id: int) -> Select[tuple[ActivityChange]]:
    """Select the audit history of one activity, newest first."""
    return (
        select(ActivityChange)
        .where(ActivityChange.activity_id == activity_id)
        .options(selectinload(ActivityChange.user))
        .order_by(ActivityChange.created_at.desc(), ActivityChange.id.desc())
    )


def managed_activities(user) -> Select[tuple[Activity]]:
    """Select the activities ``user`` may manage: their organisations' and their own."""
    stmt = select(Activity).order_by(Activity.start_local.desc(), Activity.id.desc())
    if user.has_any_role("admin"):
        return stmt
    org_ids = [o.id for o in user.organisations]
    conditions = [Activity.organiser_id == user.id, Activity.created_by_id == user.id]
    if org_ids and user.has_any_role("professional"):
        conditions.append(Activity.organisation_id.in_(org_ids))
    return stmt.where(or_(*conditions))


def organisations_for(user: Any) -> list[Organisation]:
    """Return the organisations ``user`` may post for: all for admins, their own for professionals."""
    if user.has_any_role("admin"):
        return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))
    return list(user.organisations) if user.has_role("professional") else []


def reminders_due(first: date, last: date) -> Select[tuple[Signup]]:
    """Select confirmed, unreminded sign-ups of slots whose original date lies in a range."""
    return (
        select(Signup)
        .join(OccurrenceSlot)
        .join(Activity, Activity.id == OccurrenceSlot.activity_id)
        .where(Signup.status == "confirmed", Signup.reminded_at.is_(None))
        .where(Activity.status == PUBLISHED)
        .where(
            and_(
                OccurrenceSlot.original_start >= datetime.combine(first, datetime.min.time()),
                OccurrenceSlot.original_start < datetime.combine(last, datetime.min.time()),
            )
        )
        .options(
            selectinload(Signup.user),
            selectinload(Signup.slot)
            .selectinload(OccurrenceSlot.activity)
            .selectinload(Activity.overrides),
        )
    )
