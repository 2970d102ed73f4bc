"""Who may do what with an account."""

from __future__ import annotations

from app.accounts.models import User
from app.accounts.roles import ADMIN, PROFESSIONAL, TWO_FACTOR_ROLES


def can_manage_users(user: User) -> bool:
    """Admins change roles and organisations, and block people."""
    return bool(user.is_authenticated and user.has_role(ADMIN))


def can_issue_reset_link(actor: User, subject: User) -> bool:
    """A professional may hand a resident or volunteer a link to choose a new password.

    Never for accounts with more rights (professionals, moderators, admins): that would let one
    professional take over another's account.
    """
    if not (actor.is_authenticated and actor.has_any_role(PROFESSIONAL)):
        return False
    return (
        actor.id != subject.id and not subject.is_blocked and not (subject.roles & TWO_FACTOR_ROLES)
    )


def can_block(actor: User, subject: User) -> bool:
    return can_manage_users(actor) and actor.id != subject.id
