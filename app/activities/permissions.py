"""Who may do what with an activity."""

from __future__ import annotations

from typing import Any

from app.accounts.roles import ADMIN, MODERATOR, PROFESSIONAL, RESIDENT, VOLUNTEER
from app.activities.models import Activity


def _logged_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def can_view(user: Any, activity: Activity) -> bool:
    """Published activities are public; proposals only for their proposer and moderators."""
    if activity.is_published:
        return True
    return can_moderate(user) or can_edit(user, activity)


def can_create(user: Any) -> bool:
    """Professionals post directly; residents and volunteers propose."""
    return _logged_in(user) and user.has_any_role(RESIDENT, VOLUNTEER, PROFESSIONAL)


def publishes_directly(user: Any) -> bool:
    """Tell whether what ``user`` posts is published without a moderator."""
    return (
        _logged_in(user)
        and user.has_any_role(PROFESSIONAL, MODERATOR)
        and (user.has_any_role(ADMIN) or bool(user.organisations))
    )


def can_edit(user: Any, activity: Activity) -> bool:
    """Professionals of the organising organisation, the resident who organises it, admins."""
    if not _logged_in(user):
        return False
    if user.has_any_role(ADMIN):
        return True
    if (
        activity.organisation_id is not None
        and user.has_role(PROFESSIONAL)
        and activity.organisation_id in {o.id for o in user.organisations}
    ):
        return True
    return activity.organiser_id == user.id


def can_see_attendees(user: Any, activity: Activity) -> bool:
    """The organiser sees (and prints) the names of who signed up."""
    return can_edit(user, activity)


def can_moderate(user: Any) -> bool:
    return _logged_in(user) and user.has_any_role(MODERATOR)


def can_sign_up(user: Any, activity: Activity) -> bool:
    """Anyone logged in may sign up for a published activity that takes registrations."""
    return _logged_in(user) and activity.is_published and activity.registration_enabled
