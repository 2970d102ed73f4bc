"""The roles a person can hold; one person may hold several."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.access import ADMIN, MODERATOR, PROFESSIONAL, RESIDENT, ROLE_ORDER, VOLUNTEER

__all__ = [
    "ADMIN",
    "ALL_ROLES",
    "MODERATOR",
    "PROFESSIONAL",
    "RESIDENT",
    "ROLE_ORDER",
    "ROLE_LABELS",
    "TWO_FACTOR_ROLES",
    "VOLUNTEER",
]

ALL_ROLES = (RESIDENT, VOLUNTEER, PROFESSIONAL, MODERATOR, ADMIN)

# These roles see other people's personal data, so they must log in with a second step.
TWO_FACTOR_ROLES = frozenset({PROFESSIONAL, MODERATOR, ADMIN})

ROLE_LABELS = {
    RESIDENT: _l("Resident"),
    VOLUNTEER: _l("Volunteer"),
    PROFESSIONAL: _l("Neighbourhood professional"),
    MODERATOR: _l("Moderator"),
    ADMIN: _l("Administrator"),
}
