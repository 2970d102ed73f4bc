"""Personal data in the activity calendar, for the "my data" download.

Sign-ups go with the account (their rows are deleted with it); activities a resident organised
or proposed and the changes a person made keep their rows without the name.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from app.accounts.models import User
from app.activities.models import Activity, ActivityChange, OccurrenceSlot, Signup
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


def register_personal_data() -> None:
    from app.accounts.personal_data import PersonalDataPart, register

    register(
        PersonalDataPart(
            "activities",
            export=export_activities,
            covers=(
                "activity_signups.user_id",
                "activities.organiser_id",
                "activities.created_by_id",
                "activity_changes.user_id",
            ),
        )
    )
