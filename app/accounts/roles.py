"""The roles a person can hold; one person may hold several."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.access import ADMIN, MODERATOR, PROFESSIONAL, RESIDENT, ROLE_ORDER, VOLUNTEER
from app.core.labels import register_labels

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

# Templates show a role as {{ label("accounts.role", role) }}.
ROLE_LABELS = register_labels(
    "accounts.role",
    {
        RESIDENT: _l("Resident"),
        VOLUNTEER: _l("Volunteer"),
        PROFESSIONAL: _l("Neighbourhood professional"),
        MODERATOR: _l("Moderator"),
        ADMIN: _l("Administrator"),
    },
)
