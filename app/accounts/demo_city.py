"""A whole city's accounts (``flask demo load --scale city``): residents, volunteers, staff.

Every generated account shares the demo password, hashed once (argon2 takes a good part of a
second per hash on purpose), and staff share the demo TOTP secret, encrypted once. Rows go in
with SQLAlchemy Core in batches (app/core/bulk.py). Volunteer profiles are the question board's
and are made by app/helpboard/demo_city.py for the accounts that hold the volunteer role.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import func, select

from app.accounts.encryption import encrypt
from app.accounts.models import User, UserRole
from app.accounts.roles import MODERATOR, PROFESSIONAL, RESIDENT, VOLUNTEER
from app.core.bulk import insert_returning_ids, insert_rows, scaled
from app.core.models import utcnow
from app.extensions import db
from app.neighbourhoods.demo import areas
from app.organisations.models import Organisation, organisation_members

ACCOUNTS = 20_000
# Of those: staff first, then volunteers, the rest residents.
PROFESSIONALS = 60
MODERATORS = 15
VOLUNTEERS = 3_000
# Every how many residents one has a phone number instead of an email address; one is blocked.
PHONE_ONLY_EVERY = 9
BLOCKED_EVERY = 400
# The domain of generated addresses; the other parts find the city's accounts by it.
EMAIL_DOMAIN = "stad.wijkplein.example"
PHONE_PREFIX = "+3165"

FIRST_NAMES = [
    "Anna",
    "Ahmet",
    "Bram",
    "Chantal",
    "Daan",
    "Emma",
    "Fatima",
    "Gerrit",
    "Hanna",
    "Ibrahim",
    "Joke",
    "Kevin",
    "Lotte",
    "Mohamed",
    "Noah",
    "Olga",
    "Piet",
    "Rana",
    "Sem",
    "Tess",
    "Umar",
    "Vera",
    "Willem",
    "Yara",
    "Zeynep",
    "Lucas",
    "Mila",
    "Sven",
    "Aisha",
    "Kees",
]
INITIALS = "ABCDEFGHIJKLMNOPRSTVWZ"
LOCALES = ("nl",) * 6 + ("en", "tr", "ar", "pl")


def load(factor: float, *, password_hash: str, totp_secret: str) -> None:
    """Add a city's accounts with their roles; staff get organisations and two-step login.

    :param password_hash: the argon2 hash of every generated account's password (made once).
    :param totp_secret: the two-step secret of every generated staff account.
    """
    rng = random.Random(11)
    total = scaled(ACCOUNTS, factor)
    professionals = scaled(PROFESSIONALS, factor)
    moderators = scaled(MODERATORS, factor)
    volunteers = scaled(VOLUNTEERS, factor)
    totp_encrypted = encrypt(totp_secret)
    hoods = [area.id for area in areas()]
    now = utcnow()
    start = (db.session.scalar(select(func.max(User.id))) or 0) + 1

    users, roles = [], []
    for n in range(total):
        if n < professionals:
            held: tuple[str, ...] = (PROFESSIONAL,)
        elif n < professionals + moderators:
            held = (MODERATOR, RESIDENT)
        elif n < professionals + moderators + volunteers:
            held = (VOLUNTEER, RESIDENT)
        else:
            held = (RESIDENT,)
        staff = PROFESSIONAL in held or MODERATOR in held
        phone_only = not staff and n % PHONE_ONLY_EVERY == 4
        blocked = held == (RESIDENT,) and n % BLOCKED_EVERY == 7
        created = now - timedelta(days=rng.randint(1, 900), minutes=rng.randint(0, 1440))
        users.append(
            {
                "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(INITIALS)}.",
                "email": None if phone_only else f"stad{start + n}@{EMAIL_DOMAIN}",
                "phone": f"{PHONE_PREFIX}{start + n:07d}" if phone_only or n % 3 == 0 else None,
                "password_hash": password_hash,
                "locale": rng.choice(LOCALES),
                "neighbourhood_id": rng.choice(hoods) if hoods else None,
                "session_epoch": 0,
                "is_blocked": blocked,
                "blocked_reason": "Herhaaldelijk onaardige berichten." if blocked else None,
                "totp_secret_encrypted": totp_encrypted if staff else None,
                "totp_enabled_at": created if staff else None,
                "password_changed_at": created,
                "last_login_at": created + timedelta(days=rng.randint(0, 30)),
                "created_at": created,
                "updated_at": created,
            }
        )
        roles.append(held)
    ids = insert_returning_ids(User, users)
    insert_rows(
        UserRole,
        (
            {"user_id": uid, "role": role}
            for uid, held in zip(ids, roles, strict=True)
            for role in held
        ),
    )
    organisation_ids = list(db.session.scalars(select(Organisation.id).order_by(Organisation.id)))
    if organisation_ids:
        insert_rows(
            organisation_members,
            (
                {"user_id": uid, "organisation_id": organisation_ids[n % len(organisation_ids)]}
                for n, uid in enumerate(ids[:professionals])
            ),
        )


def city_user_ids(role: str) -> list[int]:
    """Return the ids of the generated accounts (not blocked) that hold ``role``, in order made."""
    return list(
        db.session.scalars(
            select(User.id)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == role, User.is_blocked.is_(False))
            .where(
                User.email.like(f"%@{EMAIL_DOMAIN}")
                | (User.email.is_(None) & User.phone.like(f"{PHONE_PREFIX}%"))
            )
            .order_by(User.id)
        )
    )
