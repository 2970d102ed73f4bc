"""State changes of accounts. Operations flush; the caller commits."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.identifiers import normalise_email, normalise_phone
from app.accounts.models import User
from app.accounts.passwords import dummy_verify, hash_password, needs_rehash, verify_password
from app.accounts.roles import RESIDENT
from app.core.models import utcnow
from app.extensions import db


class AccountExists(Exception):
    """An account with this email address or phone number exists already."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def find_user(email: str | None = None, phone: str | None = None) -> User | None:
    """Return the account with this email address or phone number."""
    if email:
        return db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if phone:
        return db.session.scalar(select(User).where(User.phone == phone))
    return None


def create_user(
    name: str,
    password: str,
    *,
    email: str | None = None,
    phone: str | None = None,
    roles: tuple[str, ...] = (RESIDENT,),
    locale: str | None = None,
) -> User:
    """Create an account; raise :class:`AccountExists` when the email or phone is taken."""
    email = normalise_email(email) if email else None
    phone = normalise_phone(phone) if phone else None
    if email and find_user(email=email):
        raise AccountExists("email")
    if phone and find_user(phone=phone):
        raise AccountExists("phone")
    user = User(
        name=name.strip(),
        email=email,
        phone=phone,
        password_hash=hash_password(password),
        locale=locale,
        password_changed_at=utcnow(),
    )
    for role in roles:
        user.add_role(role)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str | None, phone: str | None, password: str) -> User | None:
    """Return the account when the password is right, else None (in about the same time)."""
    user = find_user(email=email, phone=phone)
    if user is None:
        dummy_verify(password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def set_password(user: User, password: str) -> None:
    """Give ``user`` a new password and end all of their sessions."""
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.end_all_sessions()


def record_login(user: User) -> None:
    user.last_login_at = utcnow()
