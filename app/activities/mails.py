"""Mail of the activities part, put in the outbox in the same transaction as its cause."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from app.activities.models import Activity, Signup
from app.activities.recurrence import Occurrence, find_occurrence
from app.core.mail import absolute_url, send_template
from app.push import operations as push


def _link(activity: Activity) -> str:
    return absolute_url("activities.detail", activity_id=activity.id, slug=activity.slug)


def _send(user: Any, subject: Callable[[], str], template: str, **context: Any) -> bool:
    """Send one mail in the person's own language; return whether it went out."""
    if not getattr(user, "email", None):
        return False
    locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        text = subject()
    return send_template(
        user.email, text, f"activities/mail/{template}.txt", locale=locale, user=user, **context
    )


def promoted(signup: Signup) -> bool:
    """Tell the person who moved up from the waiting list that they have a place."""
    activity = signup.slot.activity
    occurrence = find_occurrence(activity, signup.slot.original_start)
    return _send(
        signup.user,
        lambda: _("You have a place: %(title)s", title=activity.title),
        "promoted",
        title=activity.title,
        activity=activity,
        occurrence=occurrence,
        link=_link(activity),
    )


def reminder(signup: Signup, occurrence: Occurrence) -> bool:
    """Remind a person of tomorrow's activity."""
    activity = occurrence.activity
    return _send(
        signup.user,
        lambda: _("Tomorrow: %(title)s", title=activity.title),
        "reminder",
        title=activity.title,
        activity=activity,
        occurrence=occurrence,
        link=_link(activity),
    )


def push_reminder(signup: Signup, occurrence: Occurrence) -> bool:
    """Queue tomorrow's reminder as a push to the person's phones (once per date and phone)."""
    user = signup.user
    subscriptions = push.subscriptions_for(user_id=user.id) if user else []
    if not subscriptions:
        return False
    activity = occurrence.activity
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        payload = push.Payload(
            title=_("Tomorrow: %(title)s", title=activity.title),
            body=_("Starts at %(time)s.", time=occurrence.start.strftime("%H:%M")),
            url=_link(activity),
            tag=f"activity-{activity.id}",
        )
    key = f"reminder:{signup.id}:{occurrence.key_str}"
    return push.queue(subscriptions, payload, "reminder", once_key=key) > 0


def reviewed(activity: Activity, proposer: Any, approved: bool) -> bool:
    """Tell the proposer whether their activity was approved or rejected (and why)."""
    return _send(
        proposer,
        lambda: (
            _("Your activity is on the agenda: %(title)s", title=activity.title)
            if approved
            else _("Your activity was not approved: %(title)s", title=activity.title)
        ),
        "approved" if approved else "rejected",
        title=activity.title,
        activity=activity,
        link=_link(activity),
    )


def occurrence_changed(signup: Signup, occurrence: Occurrence) -> bool:
    """Tell someone with a place that their date is cancelled or moved (with the reason)."""
    activity = occurrence.activity
    return _send(
        signup.user,
        lambda: (
            _("Cancelled: %(title)s", title=activity.title)
            if occurrence.cancelled
            else _("New time: %(title)s", title=activity.title)
        ),
        "changed",
        title=activity.title,
        activity=activity,
        occurrence=occurrence,
        link=_link(activity),
    )
