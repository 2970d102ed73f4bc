"""Who may do what with an activity: every rule of app/activities/permissions.py as a table.

Rows are people, columns the state of the activity; ``T`` means the rule says yes. Two kinds
of activity: an organisation's (posted by one of its professionals) and a resident's own
(proposed by "the organiser"). The blocked person is that same organiser *and* a professional of
the organisation, blocked: being blocked outweighs every other reason.

The rules are pure functions of the person and the activity, so no database is needed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask_login import AnonymousUserMixin

import app.models  # noqa: F401  (every model known, so the mappers configure)
from app.accounts.models import User, UserRole
from app.activities import permissions
from app.activities.models import Activity, OccurrenceOverride
from app.core.access import can
from app.organisations.models import Organisation

ORGANISATION = Organisation(id=1, name="Buurthuis Crabbehoeve")
OTHER_ORGANISATION = Organisation(id=2, name="Bibliotheek")
ORGANISER_ID = 10

STATES = (
    "published",  # the organisation's, without sign-up
    "registration on",  # the organisation's, people sign up
    "cancelled",  # the organisation's, with sign-up, its one date cancelled
    "proposal pending",  # a resident's, waiting for a moderator
    "rejected",  # a resident's, not approved
    "registration off",  # a resident's, approved, without sign-up
)

ROLES = (
    "anonymous",
    "resident",
    "organiser",
    "volunteer",
    "moderator",
    "professional of the organisation",
    "professional elsewhere",
    "admin",
    "blocked",
)

# fmt: off
#                                            pub  reg  canc prop rej  off
EXPECTED = {
    "view": {
        "anonymous":                        "T    T    T    -    -    T",
        "resident":                         "T    T    T    -    -    T",
        "organiser":                        "T    T    T    T    T    T",
        "volunteer":                        "T    T    T    -    -    T",
        "moderator":                        "T    T    T    T    T    T",
        "professional of the organisation": "T    T    T    -    -    T",
        "professional elsewhere":           "T    T    T    -    -    T",
        "admin":                            "T    T    T    T    T    T",
        "blocked":                          "T    T    T    -    -    T",
    },
    "create": {
        "anonymous":                        "-    -    -    -    -    -",
        "resident":                         "T    T    T    T    T    T",
        "organiser":                        "T    T    T    T    T    T",
        "volunteer":                        "T    T    T    T    T    T",
        "moderator":                        "-    -    -    -    -    -",
        "professional of the organisation": "T    T    T    T    T    T",
        "professional elsewhere":           "T    T    T    T    T    T",
        "admin":                            "T    T    T    T    T    T",
        "blocked":                          "-    -    -    -    -    -",
    },
    "publish": {
        "anonymous":                        "-    -    -    -    -    -",
        "resident":                         "-    -    -    -    -    -",
        "organiser":                        "-    -    -    -    -    -",
        "volunteer":                        "-    -    -    -    -    -",
        "moderator":                        "-    -    -    -    -    -",
        "professional of the organisation": "T    T    T    T    T    T",
        "professional elsewhere":           "T    T    T    T    T    T",
        "admin":                            "T    T    T    T    T    T",
        "blocked":                          "-    -    -    -    -    -",
    },
    "edit": {
        "anonymous":                        "-    -    -    -    -    -",
        "resident":                         "-    -    -    -    -    -",
        "organiser":                        "-    -    -    T    T    T",
        "volunteer":                        "-    -    -    -    -    -",
        "moderator":                        "-    -    -    -    -    -",
        "professional of the organisation": "T    T    T    -    -    -",
        "professional elsewhere":           "-    -    -    -    -    -",
        "admin":                            "T    T    T    T    T    T",
        "blocked":                          "-    -    -    -    -    -",
    },
    "see_history": {
        "anonymous":                        "-    -    -    -    -    -",
        "resident":                         "-    -    -    -    -    -",
        "organiser":                        "-    -    -    T    T    T",
        "volunteer":                        "-    -    -    -    -    -",
        "moderator":                        "T    T    T    T    T    T",
        "professional of the organisation": "T    T    T    -    -    -",
        "professional elsewhere":           "-    -    -    -    -    -",
        "admin":                            "T    T    T    T    T    T",
        "blocked":                          "-    -    -    -    -    -",
    },
    "moderate": {
        "anonymous":                        "-    -    -    -    -    -",
        "resident":                         "-    -    -    -    -    -",
        "organiser":                        "-    -    -    -    -    -",
        "volunteer":                        "-    -    -    -    -    -",
        "moderator":                        "-    -    -    T    -    -",
        "professional of the organisation": "-    -    -    -    -    -",
        "professional elsewhere":           "-    -    -    -    -    -",
        "admin":                            "-    -    -    T    -    -",
        "blocked":                          "-    -    -    -    -    -",
    },
    "sign_up": {
        "anonymous":                        "-    -    -    -    -    -",
        "resident":                         "-    T    T    -    -    -",
        "organiser":                        "-    T    T    -    -    -",
        "volunteer":                        "-    T    T    -    -    -",
        "moderator":                        "-    T    T    -    -    -",
        "professional of the organisation": "-    T    T    -    -    -",
        "professional elsewhere":           "-    T    T    -    -    -",
        "admin":                            "-    T    T    -    -    -",
        "blocked":                          "-    -    -    -    -    -",
    },
    "sign_off": {
        "anonymous":                        "-    -    -    -    -    -",
        "resident":                         "T    T    T    -    -    T",
        "organiser":                        "T    T    T    T    T    T",
        "volunteer":                        "T    T    T    -    -    T",
        "moderator":                        "T    T    T    T    T    T",
        "professional of the organisation": "T    T    T    -    -    T",
        "professional elsewhere":           "T    T    T    -    -    T",
        "admin":                            "T    T    T    T    T    T",
        "blocked":                          "-    -    -    -    -    -",
    },
}
# fmt: on
# Changing dates and seeing who comes follow editing exactly.
EXPECTED["change_dates"] = EXPECTED["edit"]
EXPECTED["see_attendees"] = EXPECTED["edit"]


def _person(role: str) -> object:
    """Build the person of a table row (not stored: the rules read only attributes)."""
    if role == "anonymous":
        return AnonymousUserMixin()
    roles = {
        "resident": ["resident"],
        "organiser": ["resident"],
        "volunteer": ["volunteer"],
        "moderator": ["moderator"],
        "professional of the organisation": ["professional"],
        "professional elsewhere": ["professional"],
        "admin": ["admin"],
        "blocked": ["resident", "professional"],
    }[role]
    user = User(
        id=ORGANISER_ID if role in ("organiser", "blocked") else 100 + ROLES.index(role),
        name=role,
        is_blocked=role == "blocked",
    )
    user.role_rows = [UserRole(role=r) for r in roles]
    if role in ("professional of the organisation", "blocked"):
        user.organisations = [ORGANISATION]
    elif role == "professional elsewhere":
        user.organisations = [OTHER_ORGANISATION]
    else:
        user.organisations = []
    return user


def _activity_in(state: str) -> Activity:
    start = datetime(2026, 12, 1, 10, 0)
    activity = Activity(
        id=1,
        title="Koffieochtend",
        start_local=start,
        end_local=start + timedelta(hours=2),
        status="published",
        registration_enabled=False,
    )
    if state in ("published", "registration on", "cancelled"):
        activity.organisation_id = ORGANISATION.id
        activity.organiser_id = None
    else:
        activity.organisation_id = None
        activity.organiser_id = ORGANISER_ID
    if state in ("registration on", "cancelled"):
        activity.registration_enabled = True
        activity.capacity = 10
    if state == "cancelled":
        activity.overrides = [
            OccurrenceOverride(original_start=start, cancelled=True, reason="Dicht")
        ]
    if state == "proposal pending":
        activity.status = "proposed"
    elif state == "rejected":
        activity.status = "rejected"
        activity.rejection_reason = "Reclame"
    return activity


def _expected(role: str, state: str) -> dict[str, bool]:
    column = STATES.index(state)
    return {verb: table[role].split()[column] == "T" for verb, table in EXPECTED.items()}


def test_the_table_covers_every_rule_of_the_part():
    rules = {name[4:] for name in vars(permissions) if name.startswith("can_")}
    assert rules == set(EXPECTED)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_who_may_do_what_with_an_activity(role, state):
    user, activity = _person(role), _activity_in(state)
    answers = {verb: bool(getattr(permissions, f"can_{verb}")(user, activity)) for verb in EXPECTED}
    assert answers == _expected(role, state)


@pytest.mark.parametrize("role", ROLES)
def test_templates_ask_the_same_rules_through_can(role):
    user, activity = _person(role), _activity_in("registration on")
    for verb, expected in _expected(role, "registration on").items():
        assert can(f"activities.{verb}", activity, user=user) is expected
