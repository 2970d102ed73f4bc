"""Personal data in the activity calendar, for the "my data" download.

Sign-ups go with the account (their rows are deleted with it); activities a resident organised
or proposed and the changes a person made keep their rows without the name — except an activity
the person organised on their own (no organisation): every activity needs an organiser or an
organisation, so it goes with the account, with its dates and sign-ups.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, or_, select

from app.accounts.models import User
from app.activities.models import (
    Activity,
    ActivityChange,
    OccurrenceOverride,
    OccurrenceSlot,
    Signup,
    StoredOccurrence,
    activity_categories,
)
from app.extensions import db


def _when(value) -> str | None:
    return value.isoformat() if value else None


def export_activities(user: User) -> dict[str, Any]:
    """Return the person's sign-ups, the activities they organise or proposed, and their edits."""
    signups = db.session.execute(
        select(Signup, OccurrenceSlot, Activity)
        .join(OccurrenceSlot, Signup.slot_id == OccurrenceSlot.id)
        .join(Activity, OccurrenceSlot.activity_id == Activity.id)
        .where(Signup.user_id == user.id)
        .order_by(OccurrenceSlot.original_start)
    ).all()
    organised = db.session.scalars(
        select(Activity)
        .where(or_(Activity.organiser_id == user.id, Activity.created_by_id == user.id))
        .order_by(Activity.id)
    ).all()
    changes = db.session.scalars(
        select(ActivityChange).where(ActivityChange.user_id == user.id).order_by(ActivityChange.id)
    ).all()
    return {
        "signups": [
            {
                "activity_id": activity.id,
                "activity": activity.title,
                "starts": _when(slot.original_start),
                "status": signup.status,
                "for_the_series": signup.via_series,
                "signed_up_at": _when(signup.created_at),
                "reminded_at": _when(signup.reminded_at),
            }
            for signup, slot, activity in signups
        ],
        "organised": [
            {
                "id": a.id,
                "title": a.title,
                "status": a.status,
                "first_date": _when(a.first_date),
                "you_organise": a.organiser_id == user.id,
                "you_proposed": a.created_by_id == user.id,
            }
            for a in organised
        ],
        "changes": [
            {
                "activity_id": c.activity_id,
                "action": c.action,
                "changes": c.changes,
                "when": _when(c.created_at),
            }
            for c in changes
        ],
    }


def erase_activities(user: User) -> None:
    """Remove the activities ``user`` organised without an organisation (nobody else runs them)."""
    own = list(
        db.session.scalars(
            select(Activity.id).where(
                Activity.organiser_id == user.id, Activity.organisation_id.is_(None)
            )
        )
    )
    if not own:
        return
    # Explicitly, child rows first: SQLite does not apply the foreign keys' ON DELETE CASCADE.
    slots = select(OccurrenceSlot.id).where(OccurrenceSlot.activity_id.in_(own))
    db.session.execute(delete(Signup).where(Signup.slot_id.in_(slots)))
    db.session.execute(delete(OccurrenceSlot).where(OccurrenceSlot.activity_id.in_(own)))
    db.session.execute(delete(OccurrenceOverride).where(OccurrenceOverride.activity_id.in_(own)))
    db.session.execute(delete(StoredOccurrence).where(StoredOccurrence.activity_id.in_(own)))
    db.session.execute(delete(ActivityChange).where(ActivityChange.activity_id.in_(own)))
    db.session.execute(
        activity_categories.delete().where(activity_categories.c.activity_id.in_(own))
    )
    db.session.execute(delete(Activity).where(Activity.id.in_(own)))


def register_personal_data() -> None:
    from app.accounts.personal_data import PersonalDataPart, register

    register(
        PersonalDataPart(
            "activities",
            export=export_activities,
            erase=erase_activities,
            covers=(
                "activity_signups.user_id",
                "activities.organiser_id",
                "activities.created_by_id",
                "activity_changes.user_id",
            ),
        )
    )
