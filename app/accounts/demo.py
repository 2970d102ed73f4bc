"""Demo accounts; the logins are listed in the README."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from app.accounts import demo_city
from app.accounts.identifiers import normalise_email, normalise_phone
from app.accounts.models import User
from app.accounts.passwords import hash_password
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


def demo_password_hash() -> str:
    """Return the argon2 hash of the demo password, made once per process and app settings.

    Hashing costs most of a second on purpose; every demo account (and all 20,000 of the city
    scale) shares this one hash, so loading the demo does not take minutes.
    """
    config = current_app.config
    params = (config["ARGON2_TIME_COST"], config["ARGON2_MEMORY_COST"])
    made: dict = current_app.extensions.setdefault("wijkplein_demo_hash", {})
    if params not in made:
        made[params] = hash_password(DEMO_PASSWORD)
    return made[params]


def create_demo_user(
    name: str,
    roles: tuple[str, ...],
    *,
    email: str | None = None,
    phone: str | None = None,
    neighbourhood: Neighbourhood | None = None,
) -> User:
    """Create a demo account with the demo password (and the demo TOTP secret where needed)."""
    user = User(
        name=name,
        email=normalise_email(email) if email else None,
        phone=normalise_phone(phone) if phone else None,
        password_hash=demo_password_hash(),
        locale="nl",
        password_changed_at=utcnow(),
    )
    for role in roles:
        user.add_role(role)
    user.neighbourhood = neighbourhood
    if PROFESSIONAL in roles and neighbourhood is not None:
        # A professional works in their neighbourhood: its questions reach them.
        neighbourhood.professionals.append(user)
    if set(roles) & TWO_FACTOR_ROLES:
        user.totp_secret = DEMO_TOTP_SECRET
        user.totp_enabled_at = utcnow()
    db.session.add(user)
    db.session.flush()
    return user


def load(scale: str = "neighbourhood", factor: float = 1.0) -> None:
    """Add one account per role, plus a resident who has only a phone number.

    At city scale a city's worth of accounts follows (app/accounts/demo_city.py); ``factor``
    scales it (tests load a small city).
    """
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
    wielwijk = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "wielwijk"))
    if wielwijk is not None:
        # Wielwijk's own professional: questions located in Wielwijk reach her, not Crabbehof's.
        user = create_demo_user(
            "Esra (Wielwijk)",
            (PROFESSIONAL,),
            email="wielwijk@wijkplein.example",
            neighbourhood=wielwijk,
        )
        if welfare:
            user.organisations.append(welfare)
    db.session.flush()
    if scale == "city":
        demo_city.load(factor, password_hash=demo_password_hash(), totp_secret=DEMO_TOTP_SECRET)
