"""State changes of the activities part. They flush and never commit."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.activities.models import (
    CANCELLED,
    CONFIRMED,
    PROPOSED,
    PUBLISHED,
    REJECTED,
    WAITING,
    Activity,
    ActivityChange,
    OccurrenceOverride,
    OccurrenceSlot,
    Signup,
)
from app.activities.recurrence import date_span, expand, find_occurrence, zone
from app.core.models import utcnow
from app.extensions import db
from app.media.operations import publish_image

# Fields copied from a form's data onto an activity, and kept in the audit history.
EDITABLE = (
    "title",
    "description",
    "start_local",
    "end_local",
    "rrule",
    "location_id",
    "address",
    "organisation_id",
    "show_organiser_name",
    "target_group",
    "languages",
    "is_free",
    "cost",
    "accessibility",
    "registration_enabled",
    "capacity",
    "neighbourhood_id",
)


class SignupError(Exception):
    """A sign-up that cannot be done (no such occurrence, cancelled, in the past)."""


def slugify(text: str) -> str:
    """Return a URL-friendly slug of ``text`` ("Koffie-ochtend" → "koffie-ochtend")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:150] or "activiteit"


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def record_change(activity: Activity, user: Any, action: str, changes: dict[str, Any]) -> None:
    """Add a line to the activity's audit history."""
    db.session.add(
        ActivityChange(
            activity_id=activity.id,
            user_id=getattr(user, "id", None),
            action=action,
            changes={k: _jsonable(v) for k, v in changes.items()},
        )
    )


def _refresh_span(activity: Activity) -> None:
    activity.first_date, activity.last_date = date_span(activity)


def save_activity(
    activity: Activity | None,
    data: dict[str, Any],
    *,
    user: Any,
    categories: list[Any],
    publish: bool,
) -> Activity:
    """Create (``activity`` None) or update an activity from form data; keep the history.

    :param publish: publish at once (professionals); otherwise a new activity is a proposal,
        and a change to a published one sends it back to the moderators.
    """
    creating = activity is None
    if activity is None:
        activity = Activity(
            status=PUBLISHED if publish else PROPOSED,
            created_by_id=user.id,
            organiser_id=None if data.get("organisation_id") else user.id,
        )
        db.session.add(activity)
    elif not publish and activity.status == PUBLISHED:
        # A change by someone who may not publish directly is checked again before it shows,
        # so an approved proposal cannot be edited into something else afterwards.
        activity.status = PROPOSED
    before = {name: getattr(activity, name, None) for name in EDITABLE}
    for name in EDITABLE:
        if name in data:
            setattr(activity, name, data[name])
    if not activity.registration_enabled:
        activity.capacity = None
    if activity.organisation_id is None and activity.organiser_id is None:
        activity.organiser_id = user.id
    activity.slug = slugify(activity.title)
    old_categories = sorted(c.slug for c in activity.categories) if not creating else []
    activity.categories = list(categories)
    _refresh_span(activity)
    db.session.flush()
    after = {name: getattr(activity, name) for name in EDITABLE}
    changed = {
        name: [_jsonable(before[name]), _jsonable(after[name])]
        for name in EDITABLE
        if creating or before[name] != after[name]
    }
    new_categories = sorted(c.slug for c in activity.categories)
    if creating or old_categories != new_categories:
        changed["categories"] = [old_categories, new_categories]
    record_change(activity, user, "created" if creating else "edited", changed)
    return activity


def approve(activity: Activity, moderator: Any) -> None:
    """Publish a proposed activity."""
    activity.status = PUBLISHED
    activity.rejection_reason = None
    publish_image(activity.image)  # a proposal's photo shows from now on
    record_change(activity, moderator, "approved", {})
    db.session.flush()


def reject(activity: Activity, moderator: Any, reason: str) -> None:
    """Reject a proposed activity with a reason the proposer gets to read."""
    activity.status = REJECTED
    activity.rejection_reason = reason
    record_change(activity, moderator, "rejected", {"reason": reason})
    db.session.flush()


def change_occurrence(
    activity: Activity,
    key: datetime,
    *,
    user: Any,
    reason: str,
    cancel: bool,
    new_start: datetime | None = None,
    new_end: datetime | None = None,
) -> OccurrenceOverride:
    """Cancel one occurrence, or move it to ``new_start``–``new_end`` (local wall time)."""
    override = next((o for o in activity.overrides if o.original_start == key), None)
    if override is None:
        override = OccurrenceOverride(original_start=key)
        activity.overrides.append(override)
    override.cancelled = cancel
    override.new_start = None if cancel else new_start
    override.new_end = None if cancel else new_end
    override.reason = reason
    _refresh_span(activity)
    record_change(
        activity,
        user,
        "cancelled_occurrence" if cancel else "moved_occurrence",
        {"occurrence": key, "new_start": new_start, "new_end": new_end, "reason": reason},
    )
    db.session.flush()
    return override


def restore_occurrence(activity: Activity, key: datetime, *, user: Any) -> None:
    """Undo a cancellation or a move: the occurrence takes place as planned."""
    for override in list(activity.overrides):
        if override.original_start == key:
            activity.overrides.remove(override)
    db.session.flush()
    _refresh_span(activity)
    record_change(activity, user, "restored_occurrence", {"occurrence": key})
    db.session.flush()


def _locked_slot(activity_id: int, key: datetime) -> OccurrenceSlot:
    """Return the capacity row of an occurrence, created if needed, locked for this transaction.

    Creating uses INSERT … ON CONFLICT DO NOTHING so two first sign-ups at once do not collide;
    ``SELECT … FOR UPDATE`` then makes every other sign-up for this occurrence wait until this
    transaction ends (SQLite has one writer at a time, so the insert already serialises).
    """
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(
        insert(OccurrenceSlot)
        .values(activity_id=activity_id, original_start=key)
        .on_conflict_do_nothing(index_elements=["activity_id", "original_start"])
    )
    slot = db.session.scalars(
        select(OccurrenceSlot)
        .where(OccurrenceSlot.activity_id == activity_id, OccurrenceSlot.original_start == key)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    return slot


def _confirmed_count(slot: OccurrenceSlot) -> int:
    return (
        db.session.scalar(
            select(db.func.count(Signup.id)).where(
                Signup.slot_id == slot.id, Signup.status == CONFIRMED
            )
        )
        or 0
    )


def sign_up(activity: Activity, key: datetime, user: Any, *, via_series: bool = False) -> Signup:
    """Give ``user`` a place for one occurrence, or a place on its waiting list when it is full.

    Signing up twice returns the existing sign-up. Raises :class:`SignupError` for an
    occurrence that does not exist, is cancelled, or has begun.
    """
    occurrence = find_occurrence(activity, key)
    if occurrence is None or occurrence.cancelled:
        raise SignupError("no such occurrence")
    if occurrence.start <= utcnow():
        raise SignupError("occurrence has begun")
    if not activity.registration_enabled or activity.capacity is None:
        raise SignupError("no registration")
    slot = _locked_slot(activity.id, key)
    existing = db.session.scalar(
        select(Signup)
        .where(Signup.slot_id == slot.id, Signup.user_id == user.id)
        .execution_options(populate_existing=True)
    )
    if existing is not None and existing.status != CANCELLED:
        return existing
    status = CONFIRMED if _confirmed_count(slot) < activity.capacity else WAITING
    if existing is not None:
        existing.status = status
        existing.created_at = utcnow()
        existing.reminded_at = None
        existing.via_series = via_series
        signup = existing
    else:
        signup = Signup(slot_id=slot.id, user_id=user.id, status=status, via_series=via_series)
        db.session.add(signup)
    db.session.flush()
    return signup


def sign_up_series(
    activity: Activity, user: Any, *, now: datetime | None = None, days: int = 60
) -> list[Signup]:
    """Sign ``user`` up for every coming occurrence of the series within ``days`` days."""
    start = now or utcnow()
    signups = []
    for occurrence in expand(
        activity, start, start + timedelta(days=days), include_cancelled=False
    ):
        if occurrence.start > start:
            signups.append(sign_up(activity, occurrence.key, user, via_series=True))
    return signups


def cancel_signup(activity: Activity, key: datetime, user: Any) -> Signup | None:
    """Cancel ``user``'s place; the first on the waiting list gets it. Return who moved up."""
    slot = _locked_slot(activity.id, key)
    signup = db.session.scalar(
        select(Signup)
        .where(Signup.slot_id == slot.id, Signup.user_id == user.id)
        .execution_options(populate_existing=True)
    )
    if signup is None or signup.status == CANCELLED:
        return None
    was_confirmed = signup.status == CONFIRMED
    signup.status = CANCELLED
    db.session.flush()
    if not was_confirmed or activity.capacity is None:
        return None
    if _confirmed_count(slot) >= activity.capacity:
        return None
    promoted = db.session.scalar(
        select(Signup)
        .where(Signup.slot_id == slot.id, Signup.status == WAITING)
        .order_by(Signup.created_at, Signup.id)
        .limit(1)
    )
    if promoted is not None:
        promoted.status = CONFIRMED
        db.session.flush()
    return promoted


def cancel_series(activity: Activity, user: Any, *, now: datetime | None = None) -> list[Signup]:
    """Cancel all of ``user``'s coming places for this activity; return who moved up."""
    start = now or utcnow()
    keys = db.session.scalars(
        select(OccurrenceSlot.original_start)
        .join(Signup)
        .where(OccurrenceSlot.activity_id == activity.id, Signup.user_id == user.id)
        .where(Signup.status != CANCELLED)
        .where(
            OccurrenceSlot.original_start
            >= start.astimezone(zone(activity.tzid)).replace(tzinfo=None) - timedelta(days=1)
        )
        .order_by(OccurrenceSlot.original_start)
    ).all()
    promoted = []
    for key in keys:
        occurrence = find_occurrence(activity, key)
        if occurrence is not None and occurrence.start <= start:
            continue
        moved_up = cancel_signup(activity, key, user)
        if moved_up is not None:
            promoted.append(moved_up)
    return promoted
