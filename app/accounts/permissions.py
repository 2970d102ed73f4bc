"""Who may do what with an account: built on ``is_active``, ``holds`` and ``outranks`` alone.

Acting on someone else's account follows the order of roles (resident < volunteer < moderator
< professional < admin): nobody changes the roles of, blocks or hands a password link for
someone whose highest role is as high as their own, and nobody does it to themselves. So admins
manage everyone but other admins, and the last administrator is also kept by the operations
(``LastAdmin``).
"""

from __future__ import annotations

from typing import Any

from app.accounts.roles import TWO_FACTOR_ROLES
from app.core.access import ADMIN, PROFESSIONAL, holds, outranks, register_permissions


def can_manage_users(user: Any) -> bool:
    """Tell whether ``user`` may open the list of people and their pages (admins)."""
    return holds(user, ADMIN)


def can_change_roles(actor: Any, subject: Any) -> bool:
    """Tell whether ``actor`` may change the roles and organisations of ``subject``."""
    return can_manage_users(actor) and outranks(actor, subject)


def can_block(actor: Any, subject: Any) -> bool:
    """Tell whether ``actor`` may block ``subject`` (which ends all of their sessions)."""
    return can_manage_users(actor) and outranks(actor, subject)


def can_unblock(actor: Any, subject: Any) -> bool:
    """Tell whether ``actor`` may lift the block of ``subject``: the same right as blocking."""
    return can_block(actor, subject)


def can_help_residents(user: Any) -> bool:
    """Tell whether ``user`` may look residents up by phone number (professionals)."""
    return holds(user, PROFESSIONAL)


def can_issue_reset_link(actor: Any, subject: Any) -> bool:
    """Tell whether ``actor`` may hand ``subject`` a link to choose a new password.

    Only for residents and volunteers without an email address (who cannot get the link by
    mail themselves) and not blocked. Never for accounts that must log in in two steps
    (professionals, moderators, admins): a link would let one professional take over
    another's account.
    """
    return (
        can_help_residents(actor)
        and outranks(actor, subject)
        and not subject.is_blocked
        and not subject.email
        and not (subject.roles & TWO_FACTOR_ROLES)
    )


register_permissions("accounts", globals())
