"""Occurrences kept in the database: written when an activity changes, read by every page.

The table ``activity_occurrences`` (:class:`~app.activities.models.StoredOccurrence`) holds
every date of every activity between the horizon's ``filled_from`` and ``filled_until``
(:class:`~app.activities.models.OccurrenceHorizon`, local dates): cancelled dates marked, moved
dates at their new time, exactly what :func:`app.activities.recurrence.expand` returns. So the
agenda, the activity pages, the feeds and the home page read one indexed range instead of
expanding RRULEs per request.

- **Written in the same transaction as the change.** A SQLAlchemy ``after_flush`` listener sees
  every activity whose times or rule changed and every override added, changed or removed, and
  rewrites that activity's rows on the flush's own connection: whatever writes an activity (the
  forms, the moderators, the demo data, a test) keeps the table right, and a rollback undoes
  both. Code that writes with SQLAlchemy Core (the city-scale demo data) calls
  :func:`rewrite_activities` itself.
- **The horizon.** The first write makes it ``HISTORY_DAYS`` back to ``HORIZON_DAYS`` ahead
  (13 months, what a calendar app looks ahead). ``flask activities occurrences refresh`` (cron,
  daily) moves ``filled_until`` to today + ``HORIZON_DAYS`` and writes the dates that came in
  reach; it never drops the past. Running it twice does nothing more.
- **Outside the horizon** (a month two years ahead, a week long gone) the readers fall back to
  expanding, as before: correct, only not precomputed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, delete, event, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.activities.models import (
    TZID,
    Activity,
    OccurrenceHorizon,
    OccurrenceOverride,
    StoredOccurrence,
)
from app.activities.recurrence import Occurrence, expand, zone
from app.core.models import utcnow

# The table reaches this far ahead of today (13 months) and, from its first fill, this far back.
HORIZON_DAYS = 396
HISTORY_DAYS = 400
HORIZON_ID = 1
# Columns of an activity that decide its dates; a change to any other leaves the rows alone.
TIMING = ("start_local", "end_local", "rrule", "tzid")
BATCH = 5000
# Readers look this far back from a window's start for what still goes on in it. The forms make
# every date end on the day it starts (a moved one too), so a week is ample.
LONGEST_OCCURRENCE = timedelta(days=7)


def today() -> date:
    return datetime.now(zone(TZID)).date()


def local_bounds(first: date, until: date) -> tuple[datetime, datetime]:
    """Return the aware start of ``first`` and of ``until`` in the neighbourhood's zone."""
    tz = zone(TZID)
    return datetime.combine(first, time(0), tzinfo=tz), datetime.combine(until, time(0), tzinfo=tz)


def as_utc(moment: datetime) -> datetime:
    """Return an aware datetime as naive UTC, as the table stores it."""
    return moment.astimezone(UTC).replace(tzinfo=None)


# --- the horizon ---------------------------------------------------------------------------


def horizon(connection: Connection) -> tuple[date, date] | None:
    """Return the local dates [from, until) the table holds, or None before its first fill."""
    row = connection.execute(
        select(OccurrenceHorizon.filled_from, OccurrenceHorizon.filled_until).where(
            OccurrenceHorizon.id == HORIZON_ID
        )
    ).first()
    return (row[0], row[1]) if row is not None else None


def ensure_horizon(connection: Connection, day: date | None = None) -> tuple[date, date]:
    """Return the horizon, made (HISTORY_DAYS back, HORIZON_DAYS ahead) when there is none."""
    found = horizon(connection)
    if found is not None:
        return found
    day = day or today()
    dialect = connection.dialect.name
    insert_ = postgresql_insert if dialect == "postgresql" else sqlite_insert
    connection.execute(
        insert_(OccurrenceHorizon)
        .values(
            id=HORIZON_ID,
            filled_from=day - timedelta(days=HISTORY_DAYS),
            filled_until=day + timedelta(days=HORIZON_DAYS),
            refreshed_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["id"])
    )
    made = horizon(connection)
    assert made is not None
    return made


# --- writing -------------------------------------------------------------------------------


def _transient_activities(connection: Connection, ids: list[int]) -> list[Activity]:
    """Read what expansion needs of some activities, as objects outside any session."""
    columns = (
        Activity.id,
        Activity.title,
        Activity.start_local,
        Activity.end_local,
        Activity.tzid,
        Activity.rrule,
    )
    activities: dict[int, Activity] = {}
    overrides: dict[int, list[OccurrenceOverride]] = {}
    for chunk in _chunks(ids):
        for row in connection.execute(select(*columns).where(Activity.id.in_(chunk))):
            activities[row.id] = Activity(
                id=row.id,
                title=row.title,
                start_local=row.start_local,
                end_local=row.end_local,
                tzid=row.tzid,
                rrule=row.rrule,
            )
            overrides[row.id] = []
        for change in connection.execute(
            select(
                OccurrenceOverride.activity_id,
                OccurrenceOverride.original_start,
                OccurrenceOverride.cancelled,
                OccurrenceOverride.new_start,
                OccurrenceOverride.new_end,
                OccurrenceOverride.reason,
            ).where(OccurrenceOverride.activity_id.in_(chunk))
        ):
            overrides.setdefault(change.activity_id, []).append(
                OccurrenceOverride(
                    original_start=change.original_start,
                    cancelled=change.cancelled,
                    new_start=change.new_start,
                    new_end=change.new_end,
                    reason=change.reason or "",
                )
            )
    for activity_id, activity in activities.items():
        activity.preload_overrides(overrides.get(activity_id, []))
    return list(activities.values())


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for n in range(0, len(ids), size):
        yield ids[n : n + size]


def rows_for(activity: Activity, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Return the table rows of one activity's occurrences in ``[start, end)`` (aware)."""
    return [
        {
            "activity_id": activity.id,
            "original_start": occ.key,
            "starts_at": as_utc(occ.start),
            "ends_at": as_utc(occ.end),
            "cancelled": occ.cancelled,
            "moved": occ.moved,
            "reason": (occ.reason or "")[:300],
        }
        for occ in expand(activity, start, end)
    ]


def rewrite_activities(connection: Connection, ids: Iterable[int]) -> int:
    """Replace the stored occurrences of these activities (gone ones: removed); return rows."""
    wanted = sorted(set(ids))
    if not wanted:
        return 0
    first, until = ensure_horizon(connection)
    start, end = local_bounds(first, until)
    for chunk in _chunks(wanted):
        connection.execute(delete(StoredOccurrence).where(StoredOccurrence.activity_id.in_(chunk)))
    rows: list[dict[str, Any]] = []
    written = 0
    for activity in _transient_activities(connection, wanted):
        rows.extend(rows_for(activity, start, end))
        if len(rows) >= BATCH:
            connection.execute(insert(StoredOccurrence), rows)
            written += len(rows)
            rows = []
    if rows:
        connection.execute(insert(StoredOccurrence), rows)
        written += len(rows)
    return written


def refresh(connection: Connection, day: date | None = None, *, everything: bool = False) -> int:
    """Move the horizon to ``day`` + HORIZON_DAYS and write what came in reach; return rows.

    Only the activities that can have dates after the old end are rewritten (``everything``:
    all of them, to repair the table). A second run on the same day writes nothing.
    """
    day = day or today()
    had_horizon = horizon(connection) is not None
    first, until = ensure_horizon(connection, day)
    new_until = max(until, day + timedelta(days=HORIZON_DAYS))
    if new_until == until and had_horizon and not everything:
        return 0
    connection.execute(
        update(OccurrenceHorizon)
        .where(OccurrenceHorizon.id == HORIZON_ID)
        .values(filled_until=new_until, refreshed_at=utcnow())
    )
    stmt = select(Activity.id)
    if not everything and had_horizon:
        # A moved date counts in last_date, so this finds every activity with dates past ``until``.
        stmt = stmt.where(
            or_(Activity.last_date.is_(None), Activity.last_date >= until - timedelta(days=1))
        ).where(Activity.first_date < new_until)
    ids = list(connection.scalars(stmt))
    return rewrite_activities(connection, ids)


# --- the listener: every flush that changes dates rewrites them ----------------------------


def _timing_changed(activity: Activity) -> bool:
    from sqlalchemy import inspect

    state = inspect(activity)
    return any(state.attrs[name].history.has_changes() for name in TIMING)


def _after_flush(session: Session, _context: Any) -> None:
    changed: set[int] = set()
    gone: set[int] = set()
    for obj in session.new:
        if isinstance(obj, Activity | OccurrenceOverride):
            changed.add(obj.id if isinstance(obj, Activity) else obj.activity_id)
    for obj in session.dirty:
        if isinstance(obj, Activity) and _timing_changed(obj):
            changed.add(obj.id)
        elif isinstance(obj, OccurrenceOverride) and session.is_modified(obj):
            changed.add(obj.activity_id)
    for obj in session.deleted:
        if isinstance(obj, Activity):
            gone.add(obj.id)
        elif isinstance(obj, OccurrenceOverride):
            changed.add(obj.activity_id)
    changed.discard(None)  # type: ignore[arg-type]
    if not changed and not gone:
        return
    connection = session.connection()
    if gone:
        for chunk in _chunks(sorted(gone)):
            connection.execute(
                delete(StoredOccurrence).where(StoredOccurrence.activity_id.in_(chunk))
            )
    rewrite_activities(connection, changed - gone)


def listen() -> None:
    """Keep the table in step with every session's flushes (once per process)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)


# --- reading -------------------------------------------------------------------------------


def covers(bounds: tuple[date, date] | None, start: datetime, end: datetime) -> bool:
    """Tell whether the horizon ``bounds`` holds every occurrence overlapping [start, end)."""
    if bounds is None:
        return False
    first, until = local_bounds(*bounds)
    return first <= start and end <= until


def occurrence_of(activity: Activity, row: Any) -> Occurrence:
    """Turn a stored row into the :class:`Occurrence` the templates know."""
    tz = zone(activity.tzid)
    return Occurrence(
        activity,
        row.original_start,
        row.starts_at.replace(tzinfo=UTC).astimezone(tz),
        row.ends_at.replace(tzinfo=UTC).astimezone(tz),
        cancelled=bool(row.cancelled),
        moved=bool(row.moved),
        reason=row.reason or "",
    )
