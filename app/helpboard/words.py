"""Words the question board's templates show: how long ago something happened."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import format_timedelta

from app.core.models import utcnow


def age(moment: datetime | None) -> str:
    """Return how long ago ``moment`` was, in words ("3 days ago")."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_timedelta(moment - utcnow(), add_direction=True, threshold=1)
