"""Reads of accounts, returning ``select()`` statements."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, or_, select

from app.accounts.identifiers import normalise_phone
from app.accounts.models import AccountEvent, User, UserRole
from app.accounts.roles import ALL_ROLES


def search_users(text: str = "", role: str = "") -> Select[tuple[User]]:
    """Return people whose name, email or phone contains ``text``, optionally with ``role``."""
    statement = select(User).order_by(User.name, User.id)
    text = (text or "").strip()
    if text:
        pattern = f"%{text.lower()}%"
        conditions: list[ColumnElement[bool]] = [
            User.name.ilike(pattern),
            User.email.ilike(pattern),
        ]
        phone = normalise_phone(text)
        conditions.append(User.phone == phone if phone else User.phone.ilike(pattern))
        statement = statement.where(or_(*conditions))
    if role in ALL_ROLES:
        statement = statement.where(
            User.id.in_(select(UserRole.user_id).where(UserRole.role == role))
        )
    return statement


def user_by_phone(phone: str) -> Select[tuple[User]]:
    """Return the account with this phone number (any way of writing it)."""
    return select(User).where(User.phone == normalise_phone(phone))


def recent_events(user: User, limit: int = 20) -> Select[tuple[AccountEvent]]:
    return (
        select(AccountEvent)
        .where(AccountEvent.subject_id == user.id)
        .order_by(AccountEvent.created_at.desc(), AccountEvent.id.desc())
        .limit(limit)
    )
