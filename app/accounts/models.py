"""People with an account, their roles and their recovery codes."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.encryption import InvalidToken, decrypt, encrypt
from app.accounts.roles import ADMIN, ALL_ROLES, TWO_FACTOR_ROLES
from app.core.models import TimestampMixin, utcnow
from app.extensions import Model
from app.neighbourhoods.models import Neighbourhood, neighbourhood_professionals
from app.organisations.models import Organisation, organisation_members

_ROLE_LIST = ", ".join(f"'{r}'" for r in ALL_ROLES)


class UserRole(Model):
    """One role held by one person."""

    __tablename__ = "user_roles"
    __table_args__ = (CheckConstraint(f"role IN ({_ROLE_LIST})", name="known_role"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class User(UserMixin, TimestampMixin, Model):
    """A person with an account: resident, volunteer, professional, moderator and/or admin."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("email IS NOT NULL OR phone IS NOT NULL", name="has_email_or_phone"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # Stored lower-cased; a resident may have a phone number instead (E.164, e.g. +31612345678).
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(8))
    neighbourhood_id: Mapped[int | None] = mapped_column(ForeignKey("neighbourhoods.id"))

    # Raising the epoch ends every session of this person (logout, password change, block).
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    is_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked_reason: Mapped[str | None] = mapped_column(Text)

    # Encrypted (app/accounts/encryption.py); read and set it through ``totp_secret``.
    totp_secret_encrypted: Mapped[str | None] = mapped_column(String(255))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The last accepted TOTP time step, so a code cannot be used twice.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)

    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=organisation_members, lazy="selectin"
    )
    neighbourhood: Mapped[Neighbourhood | None] = relationship()
    # The neighbourhoods a professional works in (their questions and contact point).
    neighbourhoods: Mapped[list[Neighbourhood]] = relationship(
        secondary=neighbourhood_professionals, back_populates="professionals"
    )

    def __repr__(self) -> str:
        return f"<User {self.id}>"

    # Flask-Login: the id carries the epoch, so a raised epoch makes old cookies worthless.
    def get_id(self) -> str:
        return f"{self.id}:{self.session_epoch}"

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return not self.is_blocked

    @property
    def roles(self) -> set[str]:
        return {row.role for row in self.role_rows}

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def has_any_role(self, *roles: str) -> bool:
        """Tell whether this person holds any of ``roles``; admins hold every right."""
        held = self.roles
        return ADMIN in held or bool(held.intersection(roles))

    def add_role(self, role: str) -> None:
        if role not in ALL_ROLES:
            raise ValueError(f"unknown role {role!r}")
        if role not in self.roles:
            self.role_rows.append(UserRole(role=role))

    def remove_role(self, role: str) -> None:
        self.role_rows = [row for row in self.role_rows if row.role != role]

    @property
    def totp_secret(self) -> str | None:
        """The authenticator app's secret in clear (None when absent or no key fits)."""
        if not self.totp_secret_encrypted:
            return None
        try:
            return decrypt(self.totp_secret_encrypted)
        except InvalidToken:
            current_app.logger.error("No TOTP_ENCRYPTION_KEYS key fits user %s's secret", self.id)
            return None

    @totp_secret.setter
    def totp_secret(self, value: str | None) -> None:
        self.totp_secret_encrypted = encrypt(value) if value else None

    @property
    def two_factor_enabled(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def two_factor_required(self) -> bool:
        """Professionals, moderators and admins must use two-step login."""
        return bool(self.roles & TWO_FACTOR_ROLES)

    def end_all_sessions(self) -> None:
        """Invalidate every session of this person, the current one included."""
        self.session_epoch = (self.session_epoch or 0) + 1


class RecoveryCode(Model):
    """A single-use code that replaces the authenticator app once (stored hashed)."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(128))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AccountEvent(Model):
    """An audit row: who did what to which account (block, roles, an assisted reset link)."""

    __tablename__ = "account_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The account it is about; the rows go when that account is deleted (they are personal data).
    subject_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(Text)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
