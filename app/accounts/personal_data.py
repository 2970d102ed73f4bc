"""Everything Wijkplein holds about a person: for "my data" and for deleting an account.

Each part of Wijkplein that stores personal data registers one :class:`PersonalDataPart` with
:func:`register` (for example in its package's ``__init__``)::

    register(PersonalDataPart("questions", export=export_questions, erase=erase_questions))

``export(user)`` returns JSON-serialisable data for the download; ``erase(user)`` removes or
anonymises that part's rows before the account itself is deleted (it flushes, never commits).
``covers`` names the columns pointing at a person (``"table.column"``) whose rows the export
holds: :func:`uncovered_references` lists every reference to ``users.id`` in the schema that no
part covers, and a test fails on any, so a new table with a person in it cannot be left out of
"my data". The privacy register (app/core/privacy.py) names the same columns per entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update

from app.accounts.models import AccountEvent, RecoveryCode, User
from app.accounts.roles import ROLE_LABELS
from app.extensions import db


@dataclass(frozen=True)
class PersonalDataPart:
    name: str
    export: Callable[[User], Any]
    erase: Callable[[User], None] | None = None
    covers: tuple[str, ...] = ()


# Registered once at import time; the list holds functions, never data.
_PARTS: dict[str, PersonalDataPart] = {}


def register(part: PersonalDataPart) -> None:
    """Add (or replace, by name) a part that exports and erases a person's data."""
    _PARTS[part.name] = part


def registered_parts() -> list[PersonalDataPart]:
    return list(_PARTS.values())


def user_references() -> set[str]:
    """Return every column of the schema that points at a person, as ``"table.column"``."""
    users_id = User.__table__.c.id
    return {
        f"{table.name}.{fk.parent.name}"
        for table in db.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column is users_id
    }


def uncovered_references() -> set[str]:
    """Return the columns pointing at a person whose rows no part's export holds."""
    covered = {column for part in registered_parts() for column in part.covers}
    return user_references() - covered


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def export_account(user: User) -> dict[str, Any]:
    """Return the account's own data (never secrets such as hashes)."""
    events = db.session.scalars(
        select(AccountEvent)
        .where(AccountEvent.subject_id == user.id)
        .order_by(AccountEvent.created_at)
    ).all()
    done_by_them = db.session.scalars(
        select(AccountEvent).where(AccountEvent.actor_id == user.id).order_by(AccountEvent.id)
    ).all()
    codes_left = db.session.scalar(
        select(db.func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )
    return {
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "phone": user.phone,
        "language": user.locale,
        "neighbourhood": user.neighbourhood.name if user.neighbourhood else None,
        "roles": sorted(user.roles),
        "role_names": sorted(str(ROLE_LABELS[r]) for r in user.roles if r in ROLE_LABELS),
        "organisations": sorted(o.name for o in user.organisations),
        # The neighbourhoods a professional works in (their questions and contact point).
        "work_neighbourhoods": sorted(n.name for n in user.neighbourhoods),
        "created_at": _when(user.created_at),
        "last_login_at": _when(user.last_login_at),
        "password_changed_at": _when(user.password_changed_at),
        "two_step_login_since": _when(user.totp_enabled_at),
        "recovery_codes_left": codes_left,
        "blocked": user.is_blocked,
        "blocked_reason": user.blocked_reason,
        "account_events": [
            {"when": _when(e.created_at), "action": e.action, "detail": e.detail} for e in events
        ],
        # What they did to other accounts (as a professional or administrator): not whom.
        "actions_on_accounts": [
            {"when": _when(e.created_at), "action": e.action} for e in done_by_them
        ],
    }


def erase_account(user: User) -> None:
    """Remove the account's recovery codes and audit rows; keep others' rows without a name."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.execute(delete(AccountEvent).where(AccountEvent.subject_id == user.id))
    db.session.execute(
        update(AccountEvent).where(AccountEvent.actor_id == user.id).values(actor_id=None)
    )


register(
    PersonalDataPart(
        "account",
        export=export_account,
        erase=erase_account,
        covers=(
            "user_roles.user_id",
            "organisation_members.user_id",
            "neighbourhood_professionals.user_id",
            "recovery_codes.user_id",
            "account_events.subject_id",
            "account_events.actor_id",
        ),
    )
)


def collect(user: User) -> dict[str, Any]:
    """Return everything every part holds about ``user``, keyed by part name."""
    return {part.name: part.export(user) for part in registered_parts()}


# Tables the ORM clears itself when a user is deleted (relationships with cascades).
_ORM_MANAGED = {"users", "user_roles", "organisation_members", "neighbourhood_professionals"}


def detach_references(user: User) -> None:
    """Remove or unlink every row of any table that points at ``user``.

    Done here, and not left to the database's ``ON DELETE``, so that it also happens on SQLite
    (which enforces foreign keys only when asked) and for columns declared without ``ondelete``:
    rows declared ``CASCADE`` are deleted, nullable references are set to NULL.
    """
    users_id = User.__table__.c.id
    for table in db.metadata.sorted_tables:
        if table.name in _ORM_MANAGED:
            continue
        for fk in table.foreign_keys:
            if fk.column is not users_id:
                continue
            column = fk.parent
            if (fk.ondelete or "").upper() == "CASCADE":
                db.session.execute(delete(table).where(column == user.id))
            elif column.nullable:
                db.session.execute(
                    update(table).where(column == user.id).values({column.name: None})
                )


def erase(user: User) -> None:
    """Let every part remove what it holds about ``user`` (before the account is deleted)."""
    for part in registered_parts():
        if part.erase is not None:
            part.erase(user)
    db.session.flush()
    detach_references(user)
    db.session.flush()
