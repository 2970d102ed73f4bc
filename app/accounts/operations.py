"""State changes of accounts. Operations flush; the caller commits."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.identifiers import normalise_email, normalise_phone
from app.accounts.models import AccountEvent, User, UserRole
from app.accounts.passwords import dummy_hash, hash_password, needs_rehash, verify_password
from app.accounts.roles import ADMIN, ALL_ROLES, RESIDENT
from app.accounts.tokens import make_reset_token
from app.core.labels import register_labels
from app.core.models import utcnow
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from app.organisations.models import Organisation


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
    return _add_user(name, hash_password(password), email, phone, roles, locale)


def _add_user(
    name: str,
    password_hash: str,
    email: str | None,
    phone: str | None,
    roles: tuple[str, ...],
    locale: str | None,
) -> User:
    user = User(
        name=name.strip(),
        email=email,
        phone=phone,
        password_hash=password_hash,
        locale=locale,
        password_changed_at=utcnow(),
    )
    for role in roles:
        user.add_role(role)
    db.session.add(user)
    db.session.flush()
    return user


def register_resident(
    name: str, password: str, *, email: str | None, phone: str | None, locale: str | None
) -> tuple[User | None, User | None]:
    """Create a resident account without telling anyone whether the email or phone was taken.

    Returns ``(new account, None)``, or ``(None, owner)`` when the email address has an account
    already (the caller mails its owner), or ``(None, None)`` when only the phone number given
    has one. A free email address with a taken phone number makes an account with the email
    address only: anything else would tell the holder of that mailbox that the number is known.
    The password is hashed on every path, so each takes the same work.
    """
    email = normalise_email(email) if email else None
    phone = normalise_phone(phone) if phone else None
    password_hash = hash_password(password)
    if email:
        owner = find_user(email=email)
        if owner is not None:
            return None, owner
    if phone and find_user(phone=phone) is not None:
        if not email:
            return None, None
        phone = None
    return _add_user(name, password_hash, email, phone, (RESIDENT,), locale), None


def authenticate(email: str | None, phone: str | None, password: str) -> User | None:
    """Return the account when the password is right, else None (in the same time).

    A login name without an account is checked against a dummy hash with the same argon2
    parameters, through the same function, so both answers take the same work.
    """
    user = find_user(email=email, phone=phone)
    if not verify_password(user.password_hash if user else dummy_hash(), password) or not user:
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


class LastAdmin(Exception):
    """The last administrator cannot lose the role, be blocked or be deleted."""


# What the history of an account says for each action: {{ label("accounts.event", action) }}.
EVENT_LABELS = register_labels(
    "accounts.event",
    {
        "blocked": _l("Blocked"),
        "unblocked": _l("Unblocked"),
        "roles_changed": _l("Roles changed"),
        "assisted_reset_link": _l("Link for a new password given"),
    },
)


def log_event(subject: User, action: str, *, actor: User | None = None, detail: str = "") -> None:
    """Write an audit row about ``subject``."""
    db.session.add(
        AccountEvent(
            subject_id=subject.id,
            actor_id=actor.id if actor else None,
            action=action,
            detail=detail or None,
        )
    )
    db.session.flush()


def update_profile(
    user: User,
    *,
    name: str,
    email: str | None,
    phone: str | None,
    locale: str | None,
    neighbourhood: Neighbourhood | None,
) -> str | None:
    """Change a person's own details; raise :class:`AccountExists` when email/phone is taken.

    A new email address is not used yet: it is returned, for the caller to mail a link to it
    (:func:`confirm_new_email`); until then the old address (or the phone number) stays.
    """
    email = normalise_email(email) if email else None
    phone = normalise_phone(phone) if phone else None
    if email and email != user.email:
        other = find_user(email=email)
        if other is not None and other.id != user.id:
            raise AccountExists("email")
    if phone and phone != user.phone:
        other = find_user(phone=phone)
        if other is not None and other.id != user.id:
            raise AccountExists("phone")
    pending = email if email and email != user.email else None
    user.name = name.strip()
    if pending is None:
        user.email = email
    if phone or user.email:
        user.phone = phone  # else the number stays until the new address is confirmed
    user.locale = locale
    user.neighbourhood = neighbourhood
    db.session.flush()
    return pending


def confirm_new_email(user: User, email: str) -> None:
    """Make the confirmed ``email`` the person's address; raise if another account took it."""
    other = find_user(email=email)
    if other is not None and other.id != user.id:
        raise AccountExists("email")
    user.email = email
    db.session.flush()


def _admin_count() -> int:
    count = db.session.scalar(
        select(db.func.count())
        .select_from(UserRole)
        .join(User, User.id == UserRole.user_id)
        .where(UserRole.role == ADMIN, User.is_blocked.is_(False))
    )
    return int(count or 0)


def _is_last_admin(user: User) -> bool:
    return user.has_role(ADMIN) and not user.is_blocked and _admin_count() <= 1


def set_roles(
    user: User, roles: list[str], organisations: list[Organisation], *, actor: User | None
):
    """Give ``user`` exactly ``roles`` and ``organisations``, and log it (``actor`` None: the
    command line)."""
    wanted = [r for r in ALL_ROLES if r in roles]
    if ADMIN not in wanted and _is_last_admin(user):
        raise LastAdmin()
    before = sorted(user.roles), sorted(o.name for o in user.organisations)
    for role in list(user.roles):
        if role not in wanted:
            user.remove_role(role)
    for role in wanted:
        user.add_role(role)
    user.organisations = list(organisations)
    db.session.flush()
    after = sorted(user.roles), sorted(o.name for o in user.organisations)
    if before != after:
        log_event(
            user,
            "roles_changed",
            actor=actor,
            detail=f"roles: {', '.join(after[0])}; organisations: {', '.join(after[1])}",
        )


def block_user(user: User, reason: str, *, actor: User) -> None:
    """Block ``user`` with a reason; their sessions end at once."""
    if _is_last_admin(user):
        raise LastAdmin()
    user.is_blocked = True
    user.blocked_reason = reason.strip()
    user.end_all_sessions()
    log_event(user, "blocked", actor=actor, detail=reason.strip())


def unblock_user(user: User, *, actor: User) -> None:
    """Let a blocked person log in again."""
    user.is_blocked = False
    user.blocked_reason = None
    log_event(user, "unblocked", actor=actor)


def issue_reset_link(resident: User, *, actor: User) -> str:
    """Return a token for a one-time link to a new password, and write it in the history.

    The professional's name goes with it, so the resident's history shows who gave the link.
    """
    token = make_reset_token(resident, assisted=True)
    log_event(resident, "assisted_reset_link", actor=actor, detail=actor.name)
    return token


def delete_account(user: User) -> None:
    """Remove ``user`` and the personal data every part holds about them."""
    from app.accounts.personal_data import erase

    if _is_last_admin(user):
        raise LastAdmin()
    erase(user)
    user.organisations = []
    db.session.delete(user)
    db.session.flush()
