"""Demo accounts; the logins are listed in the README."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.operations import create_user
from app.accounts.roles import (
    ADMIN,
    MODERATOR,
    PROFESSIONAL,
    RESIDENT,
    TWO_FACTOR_ROLES,
    VOLUNTEER,
)
from app.core.models import utcnow
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from app.organisations.models import Organisation

DEMO_PASSWORD = "wijkplein-demo"  # noqa: S105 — published in the README, demo only
# Professionals, moderators and admins must use two-step login: their demo accounts share this
# published TOTP secret, so that anyone can add it to an authenticator app (or use
# `python -c "import pyotp; print(pyotp.TOTP('<secret>').now())"`). Demo only.
DEMO_TOTP_SECRET = "WIJKPLEINDEMOCRABBEHOFDORDRECHT2"  # noqa: S105


def create_demo_user(
    name: str,
    roles: tuple[str, ...],
    *,
    email: str | None = None,
    phone: str | None = None,
    neighbourhood: Neighbourhood | None = None,
):
    """Create a demo account with the demo password (and the demo TOTP secret where needed)."""
    user = create_user(name, DEMO_PASSWORD, email=email, phone=phone, roles=roles, locale="nl")
    user.neighbourhood = neighbourhood
    if set(roles) & TWO_FACTOR_ROLES:
        user.totp_secret = DEMO_TOTP_SECRET
        user.totp_enabled_at = utcnow()
    return user


def load(scale: str = "neighbourhood") -> None:
    """Add one account per role, plus a resident who has only a phone number."""
    crabbehof = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "crabbehof"))
    welfare = db.session.scalar(
        select(Organisation).where(Organisation.name == "Stichting Dordrecht Sociaal")
    )
    people = [
        ("Admin Programmabureau", "admin@wijkplein.example", None, (ADMIN,)),
        ("Mirjam (Dordrecht Sociaal)", "professional@wijkplein.example", None, (PROFESSIONAL,)),
        ("Sander (moderator)", "moderator@wijkplein.example", None, (MODERATOR, VOLUNTEER)),
        ("Fatma", "vrijwilliger@wijkplein.example", None, (VOLUNTEER, RESIDENT)),
        ("Henk", "bewoner@wijkplein.example", None, (RESIDENT,)),
        ("Ayaan", None, "0612345678", (RESIDENT,)),
    ]
    for name, email, phone, roles in people:
        user = create_demo_user(name, roles, email=email, phone=phone, neighbourhood=crabbehof)
        if PROFESSIONAL in roles and welfare:
            user.organisations.append(welfare)
