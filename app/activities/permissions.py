"""Who may do what with an activity: one ``can_<verb>(user, activity)`` per action.

Built only on :func:`app.core.access.is_active` and :func:`~app.core.access.holds`, so a
blocked person may do nothing a visitor who is not logged in could not do. Templates ask the
same rules as ``can("activities.<verb>", activity)``.
"""

from __future__ import annotations

from typing import Any

from app.activities.models import PROPOSED, Activity
from app.core.access import (
    ADMIN,
    MODERATOR,
    PROFESSIONAL,
    RESIDENT,
    VOLUNTEER,
    holds,
    is_active,
    register_permissions,
)


def can_view(user: Any, activity: Activity) -> bool:
    """Published activities are public; proposals only for their proposer and moderators."""
    if activity.is_published:
        return True
    return holds(user, MODERATOR) or can_edit(user, activity)


def can_create(user: Any, activity: Activity | None = None) -> bool:
    """Professionals post directly; residents and volunteers propose."""
    return holds(user, RESIDENT, VOLUNTEER, PROFESSIONAL)


def can_publish(user: Any, activity: Activity | None = None) -> bool:
    """Tell whether what ``user`` posts for an organisation is published without a moderator."""
    return holds(user, PROFESSIONAL, MODERATOR) and (holds(user, ADMIN) or bool(user.organisations))


def can_edit(user: Any, activity: Activity) -> bool:
    """Professionals of the organising organisation, the resident who organises it, admins."""
    if not is_active(user):
        return False
    if holds(user, ADMIN):
        return True
    if (
        activity.organisation_id is not None
        and user.has_role(PROFESSIONAL)
        and activity.organisation_id in {o.id for o in user.organisations}
    ):
        return True
    return activity.organiser_id == user.id


def can_change_dates(user: Any, activity: Activity) -> bool:
    """Whoever may edit an activity may cancel, move and restore its dates."""
    return can_edit(user, activity)


def can_see_attendees(user: Any, activity: Activity) -> bool:
    """The organiser sees (and prints) the names of who signed up."""
    return can_edit(user, activity)


def can_see_history(user: Any, activity: Activity) -> bool:
    """The organiser and moderators read who changed what."""
    return can_edit(user, activity) or holds(user, MODERATOR)


def can_moderate(user: Any, activity: Activity | None = None) -> bool:
    """Moderators check proposals (with an activity: only while it is a proposal)."""
    return holds(user, MODERATOR) and (activity is None or activity.status == PROPOSED)


def can_sign_up(user: Any, activity: Activity) -> bool:
    """Anyone logged in may sign up for a published activity that takes registrations."""
    return is_active(user) and activity.is_published and activity.registration_enabled


def can_sign_off(user: Any, activity: Activity) -> bool:
    """Anyone logged in may give up their own place for an activity they can see."""
    return is_active(user) and can_view(user, activity)


register_permissions("activities", globals())
